"""Seeds the benchmark account into a moto server: per region ~300 security groups (with rules
between them and a few open to the Internet), 30 RDS instances, 10 ElastiCache replication groups
and one application load balancer with a listener. No Beanstalk (moto answers HTTP 500 to two of
its per-environment calls, and the retries would time moto, not postern).

Usage: AWS_ENDPOINT_URL=http://127.0.0.1:PORT python3 seed.py REGION [REGION...]
"""
import os
import sys
from concurrent.futures import ThreadPoolExecutor

import boto3

GROUPS = 300
DATABASES = 30
REPLICATION_GROUPS = 10


def client(service, region):
    return boto3.client(service, endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name=region,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def seed(region):
    ec2 = client("ec2", region)
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    azs = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]][:2]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.20.{i}.0/24", AvailabilityZone=az)["Subnet"]["SubnetId"]
               for i, az in enumerate(azs)]
    groups = []
    for i in range(GROUPS):
        g = ec2.create_security_group(GroupName=f"bench-{i:03d}", Description=f"bench group {i}", VpcId=vpc)["GroupId"]
        perms = [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                  "UserIdGroupPairs": [{"GroupId": groups[-1]}]}] if groups else []
        if i % 50 == 0:
            perms.append({"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
        if perms:
            ec2.authorize_security_group_ingress(GroupId=g, IpPermissions=perms)
        groups.append(g)

    rds = client("rds", region)
    rds.create_db_subnet_group(DBSubnetGroupName="bench", DBSubnetGroupDescription="bench", SubnetIds=subnets)
    for i in range(DATABASES):
        rds.create_db_instance(DBInstanceIdentifier=f"bench-db-{i:02d}", DBInstanceClass="db.t3.micro", Engine="postgres",
                               MasterUsername="bench", MasterUserPassword="bench-password-1", AllocatedStorage=20,
                               DBSubnetGroupName="bench", VpcSecurityGroupIds=[groups[i]])

    cache = client("elasticache", region)
    for i in range(REPLICATION_GROUPS):
        cache.create_replication_group(ReplicationGroupId=f"bench-rg-{i:02d}", ReplicationGroupDescription="bench",
                                       Engine="redis", CacheNodeType="cache.t3.micro", NumCacheClusters=2,
                                       SecurityGroupIds=[groups[100 + i]])

    elb = client("elbv2", region)
    lb = elb.create_load_balancer(Name="bench-alb", Subnets=subnets, SecurityGroups=[groups[0]],
                                  Scheme="internet-facing", Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
    tg = elb.create_target_group(Name="bench-tg", Protocol="HTTP", Port=80, VpcId=vpc)["TargetGroups"][0]["TargetGroupArn"]
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80,
                        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
    return region


if __name__ == "__main__":
    with ThreadPoolExecutor(len(sys.argv) - 1) as pool:
        for r in pool.map(seed, sys.argv[1:]):
            print("seeded", r, file=sys.stderr)
