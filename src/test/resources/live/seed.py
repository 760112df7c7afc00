"""Seeds a moto server for postern's live-collection tests; prints what it made as JSON.

Usage: AWS_ENDPOINT_URL=http://127.0.0.1:PORT python3 seed.py SCENARIO
  shop       us-east-1: a VPC with a web tier (443 from the Internet), SSH open to the world, a
             PostgreSQL instance with a custom parameter group, a Redis replication group, an ALB
             with a listener, and MySQL open to the world through a managed prefix list;
             eu-west-1: one group with RDP open to the world.
  beanstalk  us-east-1: one Beanstalk environment (moto answers HTTP 500 to its resources and
             settings) beside a harmless security group.
  estate     us-east-1 and eu-west-1: the designed chain by group name, six times per region: lb-N
             (80/443 from the Internet, IPv4 and IPv6; only lb-0 is attached, to an internet-facing
             ALB with an HTTPS listener and an HTTP redirect) -> app-N (8080 from lb-N; no instances) -> db-N (5432 from app-N) and cache-N
             (6379 from app-N), with encrypted PostgreSQL and Redis in some of them; planted faults:
             a world-open DB group on a public RDS instance, an unencrypted RDS instance, Redis
             without encryption or AUTH, and a PostgreSQL store whose group admits only 3306 from
             app groups (us-east-1: all of them; eu-west-1: the port mismatch only).
  iam        us-east-1: SSH from the VPC only and a PostgreSQL instance, plus an IAM user allowed
             only ec2:Describe*; prints the user's access key.
  peers      us-east-1 (issue 14's rules): an internet-facing ALB with an HTTPS listener on
             ELBSecurityPolicy-2016-08 that keeps invalid header fields, an app instance behind it
             with a public IP in a public subnet, a PostgreSQL instance with IAM authentication off
             on port 5432 whose master user is postgres, a Memcached cluster in the subnet group
             named default, an unused group; plus an IAM user allowed every describe call postern
             makes except elasticloadbalancing:DescribeLoadBalancerAttributes.
"""
import json
import os
import sys

import boto3

ENDPOINT = os.environ["AWS_ENDPOINT_URL"]
WORLD = "0.0.0.0/0"


def client(service, region="us-east-1"):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=region,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def network(ec2, cidr):
    vpc = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
    base = cidr.split(".")
    azs = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]][:2]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"{base[0]}.{base[1]}.{i}.0/24", AvailabilityZone=az)["Subnet"]["SubnetId"]
               for i, az in enumerate(azs)]
    return vpc, subnets


def group(ec2, vpc, name, *perms):
    g = ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]
    if perms:
        ec2.authorize_security_group_ingress(GroupId=g, IpPermissions=list(perms))
    return g


def tcp(port, cidr=None, group_id=None, prefix_list=None):
    p = {"IpProtocol": "tcp", "FromPort": port, "ToPort": port}
    if cidr:
        p["IpRanges"] = [{"CidrIp": cidr}]
    if group_id:
        p["UserIdGroupPairs"] = [{"GroupId": group_id}]
    if prefix_list:
        p["PrefixListIds"] = [{"PrefixListId": prefix_list}]
    return p


def postgres(rds, name, subnets, sg, parameter_group=None):
    rds.create_db_subnet_group(DBSubnetGroupName=name + "-subnets", DBSubnetGroupDescription=name, SubnetIds=subnets)
    kw = {"DBParameterGroupName": parameter_group} if parameter_group else {}
    return rds.create_db_instance(DBInstanceIdentifier=name, DBInstanceClass="db.t3.micro", Engine="postgres",
                                  MasterUsername="app", MasterUserPassword="not-a-secret-1", AllocatedStorage=20,
                                  DBSubnetGroupName=name + "-subnets", VpcSecurityGroupIds=[sg],
                                  **kw)["DBInstance"]["DBInstanceArn"]


def shop():
    ec2 = client("ec2")
    vpc, subnets = network(ec2, "10.1.0.0/16")
    web = group(ec2, vpc, "shop-web", tcp(443, cidr=WORLD))
    ssh = group(ec2, vpc, "shop-ssh", tcp(22, cidr=WORLD))
    db = group(ec2, vpc, "shop-db", tcp(5432, group_id=web))
    pl = ec2.create_managed_prefix_list(PrefixListName="everyone", AddressFamily="IPv4", MaxEntries=5,
                                        Entries=[{"Cidr": WORLD, "Description": "the Internet"}])["PrefixList"]["PrefixListId"]
    legacy = group(ec2, vpc, "shop-legacy-mysql", tcp(3306, prefix_list=pl))
    cache = group(ec2, vpc, "shop-cache", tcp(6379, group_id=web))

    rds = client("rds")
    rds.create_db_parameter_group(DBParameterGroupName="shop-postgres", DBParameterGroupFamily="postgres16",
                                  Description="shop")
    rds.modify_db_parameter_group(DBParameterGroupName="shop-postgres", Parameters=[
        {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "immediate"}])
    db_arn = postgres(rds, "shop-db", subnets, db, parameter_group="shop-postgres")

    client("elasticache").create_replication_group(
        ReplicationGroupId="shop-cache", ReplicationGroupDescription="shop", Engine="redis",
        CacheNodeType="cache.t3.micro", NumCacheClusters=1, SecurityGroupIds=[cache])

    elb = client("elbv2")
    lb = elb.create_load_balancer(Name="shop-alb", Subnets=subnets, SecurityGroups=[web], Scheme="internet-facing",
                                  Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
    tg = elb.create_target_group(Name="shop-tg", Protocol="HTTP", Port=80, VpcId=vpc)["TargetGroups"][0]["TargetGroupArn"]
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80, DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])

    ec2_eu = client("ec2", "eu-west-1")
    vpc_eu, _ = network(ec2_eu, "10.2.0.0/16")
    rdp = group(ec2_eu, vpc_eu, "legacy-rdp", tcp(3389, cidr=WORLD))
    return {"web": web, "ssh": ssh, "db": db, "legacy": legacy, "cache": cache, "prefixList": pl, "rdp": rdp,
            "dbArn": db_arn, "lb": lb}


def beanstalk():
    ec2 = client("ec2")
    vpc, _ = network(ec2, "10.3.0.0/16")
    web = group(ec2, vpc, "eb-web", tcp(443, group_id=None, cidr="10.3.0.0/16"))
    eb = client("elasticbeanstalk")
    eb.create_application(ApplicationName="shop")
    eb.create_environment(ApplicationName="shop", EnvironmentName="shop-prod", SolutionStackName="64bit Amazon Linux 2023")
    return {"web": web, "environment": "shop-prod"}


def iam():
    ec2 = client("ec2")
    vpc, subnets = network(ec2, "10.4.0.0/16")
    ssh = group(ec2, vpc, "iam-ssh", tcp(22, cidr="10.4.0.0/16"))
    db = group(ec2, vpc, "iam-db", tcp(5432, group_id=ssh))
    db_arn = postgres(client("rds"), "iam-db", subnets, db)
    i = client("iam")
    i.create_user(UserName="auditor")
    policy = i.create_policy(PolicyName="ec2-describe-only", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]}))["Policy"]["Arn"]
    i.attach_user_policy(UserName="auditor", PolicyArn=policy)
    key = i.create_access_key(UserName="auditor")["AccessKey"]
    return {"ssh": ssh, "db": db, "dbArn": db_arn, "accessKeyId": key["AccessKeyId"],
            "secretAccessKey": key["SecretAccessKey"]}


def tcp_world(port):
    return {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": WORLD}],
            "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}


def estate_region(region, cidr, faults):
    ec2 = client("ec2", region)
    vpc, subnets = network(ec2, cidr)
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    main = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                              {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]
    ec2.create_route(RouteTableId=main["RouteTableId"], DestinationCidrBlock=WORLD, GatewayId=igw)
    ids = {}
    for n in range(6):
        ids[f"lb-{n}"] = group(ec2, vpc, f"lb-{n}", tcp_world(80), tcp_world(443))
        ids[f"app-{n}"] = group(ec2, vpc, f"app-{n}", tcp(8080, group_id=ids[f"lb-{n}"]))
        ids[f"db-{n}"] = group(ec2, vpc, f"db-{n}", tcp(5432, group_id=ids[f"app-{n}"]))
        ids[f"cache-{n}"] = group(ec2, vpc, f"cache-{n}", tcp(6379, group_id=ids[f"app-{n}"]))
    ids["db-mismatch"] = group(ec2, vpc, "db-mismatch",
                               {"IpProtocol": "tcp", "FromPort": 3306, "ToPort": 3306,
                                "UserIdGroupPairs": [{"GroupId": ids["app-1"]}, {"GroupId": ids["app-2"]}]})
    rds = client("rds", region)
    rds.create_db_parameter_group(DBParameterGroupName="tls", DBParameterGroupFamily="postgres16", Description="tls")
    rds.modify_db_parameter_group(DBParameterGroupName="tls", Parameters=[
        {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "immediate"}])
    rds.create_db_subnet_group(DBSubnetGroupName="data", DBSubnetGroupDescription="data", SubnetIds=subnets)

    def pg(name, sg, encrypted=True, public=False):
        rds.create_db_instance(DBInstanceIdentifier=name, DBInstanceClass="db.t3.micro", Engine="postgres",
                               MasterUsername="app", MasterUserPassword="not-a-secret-1", AllocatedStorage=20,
                               DBSubnetGroupName="data", VpcSecurityGroupIds=[sg], DBParameterGroupName="tls",
                               StorageEncrypted=encrypted, PubliclyAccessible=public)
        return name

    def redis(name, sg, encrypted=True):
        kw = {"TransitEncryptionEnabled": True, "AtRestEncryptionEnabled": True,
              "AuthToken": "not-a-secret-token-1234"} if encrypted else {}
        client("elasticache", region).create_replication_group(
            ReplicationGroupId=name, ReplicationGroupDescription=name, Engine="redis", CacheNodeType="cache.t3.micro",
            NumCacheClusters=1, SecurityGroupIds=[sg], **kw)
        return name

    stores = {"designed": [pg(f"orders-{n}", ids[f"db-{n}"]) for n in range(3)]
              + [redis(f"sessions-{n}", ids[f"cache-{n}"]) for n in range(2)],
              "mismatch": [pg("billing", ids["db-mismatch"])]}
    if faults:
        ids["db-world"] = group(ec2, vpc, "db-world", tcp(5432, cidr=WORLD), tcp(5432, group_id=ids["app-3"]))
        stores["public"] = [pg("public-db", ids["db-world"], public=True)]
        stores["unencrypted"] = [pg("plain-db", ids["db-3"], encrypted=False)]
        stores["plainCache"] = [redis("plain-cache", ids["cache-2"], encrypted=False)]
    elb = client("elbv2", region)
    lb = elb.create_load_balancer(Name="front", Subnets=subnets, SecurityGroups=[ids["lb-0"]], Scheme="internet-facing",
                                  Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
    tg = elb.create_target_group(Name="app-0", Protocol="HTTP", Port=8080, VpcId=vpc)["TargetGroups"][0]["TargetGroupArn"]
    cert = client("acm", region).request_certificate(DomainName="shop.example.com")["CertificateArn"]
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTPS", Port=443, Certificates=[{"CertificateArn": cert}],
                        SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
                        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80, DefaultActions=[
        {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}])
    return {"groups": ids, "stores": stores, "lb": lb}


def estate():
    return {"us-east-1": estate_region("us-east-1", "10.5.0.0/16", True),
            "eu-west-1": estate_region("eu-west-1", "10.6.0.0/16", False)}


def peers():
    ec2 = client("ec2")
    vpc, subnets = network(ec2, "10.5.0.0/16")
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    public = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=public, DestinationCidrBlock=WORLD, GatewayId=igw)
    ec2.associate_route_table(RouteTableId=public, SubnetId=subnets[0])
    alb = group(ec2, vpc, "peers-alb", tcp(443, cidr=WORLD))
    app = group(ec2, vpc, "peers-app", tcp(8080, group_id=alb))
    db = group(ec2, vpc, "peers-db", tcp(5432, group_id=app))
    idle = group(ec2, vpc, "peers-idle")
    instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="t3.micro", NetworkInterfaces=[
        {"DeviceIndex": 0, "SubnetId": subnets[0], "Groups": [app], "AssociatePublicIpAddress": True}])["Instances"][0]["InstanceId"]

    rds = client("rds")
    rds.create_db_subnet_group(DBSubnetGroupName="peers-subnets", DBSubnetGroupDescription="peers", SubnetIds=subnets)
    rds.create_db_instance(DBInstanceIdentifier="peers-db", DBInstanceClass="db.t3.micro", Engine="postgres",
                           MasterUsername="postgres", MasterUserPassword="not-a-secret-3", AllocatedStorage=20,
                           DBSubnetGroupName="peers-subnets", VpcSecurityGroupIds=[db], EnableIAMDatabaseAuthentication=False)

    cache = client("elasticache")
    cache.create_cache_subnet_group(CacheSubnetGroupName="default", CacheSubnetGroupDescription="default", SubnetIds=subnets)
    cache.create_cache_cluster(CacheClusterId="peers-cache", Engine="memcached", CacheNodeType="cache.t3.micro",
                               NumCacheNodes=1, CacheSubnetGroupName="default")

    elb = client("elbv2")
    lb = elb.create_load_balancer(Name="peers-alb", Subnets=subnets, SecurityGroups=[alb], Scheme="internet-facing",
                                  Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
    elb.modify_load_balancer_attributes(LoadBalancerArn=lb, Attributes=[
        {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "false"}])
    tg = elb.create_target_group(Name="peers-tg", Protocol="HTTP", Port=8080, VpcId=vpc)["TargetGroups"][0]["TargetGroupArn"]
    cert = client("acm").request_certificate(DomainName="peers.example.com")["CertificateArn"]
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTPS", Port=443, SslPolicy="ELBSecurityPolicy-2016-08",
                        Certificates=[{"CertificateArn": cert}], DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])

    i = client("iam")
    i.create_user(UserName="no-lb-attributes")
    policy = i.create_policy(PolicyName="all-but-lb-attributes", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Resource": "*", "Action": [
            "ec2:Describe*", "ec2:GetManagedPrefixListEntries", "rds:Describe*", "elasticache:Describe*",
            "elasticbeanstalk:Describe*", "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeTargetHealth"]}]}))["Policy"]["Arn"]
    i.attach_user_policy(UserName="no-lb-attributes", PolicyArn=policy)
    key = i.create_access_key(UserName="no-lb-attributes")["AccessKey"]
    return {"alb": alb, "app": app, "db": db, "idle": idle, "instance": instance, "lb": lb,
            "accessKeyId": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"]}


if __name__ == "__main__":
    print(json.dumps({"shop": shop, "beanstalk": beanstalk, "iam": iam, "estate": estate, "peers": peers}[sys.argv[1]]()))
