"""Seeds a moto server with the network-path scenarios of issue 19 (docs/reachability.md); prints
what it made as JSON (scenario name -> ids).

Usage: AWS_ENDPOINT_URL=http://127.0.0.1:PORT python3 seed_network.py

Each scenario is a VPC of its own in us-east-1 with an instance wearing a group named after the
scenario that admits tcp/3306 from the Internet:
  deny-first   an elastic IP, a route to the internet gateway, a network ACL whose rule #90 denies
               tcp/3306 from 0.0.0.0/0 before rule #100 allows everything
  ephemeral    the same, the ACL admitting tcp/3306 in but only tcp/443 out (the reply is denied)
  nat-only     an elastic IP but the subnet routes 0.0.0.0/0 to a NAT gateway only
  egress-only  the group admits ::/0, the subnet routes ::/0 to an egress-only internet gateway
  main-table   no explicit route table association: the VPC's main table routes to the internet
               gateway; an elastic IP; the default network ACL: reachable
  alb          an internet-facing ALB in public subnets (443 from the Internet) forwarding to an app
               instance in a private subnet without a public address (8080 from the ALB's group)
  peered       a VPC peering connection (active) between two VPCs, routes on both sides, and a
               PostgreSQL instance in the second VPC whose group admits 5432 from the first VPC's app group
  peered-open  the same, the app instance Internet-exposed (an elastic IP, SSH open to the world, a route
               to the internet gateway): the route to the database crosses the peering and is reported
  peered-noroute  the same as peered-open but the database's side has no route back to the peering:
               the hop is blocked at that route table, no route is reported
  nacl-hop     one VPC, an Internet-exposed bastion in a public subnet, a PostgreSQL instance in two data
               subnets whose network ACL denies tcp/5432 from the public subnet (rule #90) before allowing
               everything: the chain is blocked at that ACL, no route is reported
"""
import json
import os

import boto3

ENDPOINT = os.environ["AWS_ENDPOINT_URL"]
WORLD = "0.0.0.0/0"


def client(service):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


ec2 = client("ec2")
AMI = ec2.describe_images()["Images"][0]["ImageId"]


def vpc(n):
    v = ec2.create_vpc(CidrBlock="10.%d.0.0/16" % n)["Vpc"]["VpcId"]
    s = ec2.create_subnet(VpcId=v, CidrBlock="10.%d.1.0/24" % n, AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    return v, s


def igw(v):
    g = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=g, VpcId=v)
    return g


def table(v, subnet, **route):
    t = ec2.create_route_table(VpcId=v)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=t, **route)
    ec2.associate_route_table(RouteTableId=t, SubnetId=subnet)
    return t


def group(v, name, perms):
    g = ec2.create_security_group(GroupName=name, Description=name, VpcId=v)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=g, IpPermissions=perms)
    return g


def mysql_world(v6=False):
    r = {"IpProtocol": "tcp", "FromPort": 3306, "ToPort": 3306}
    if v6:
        r["Ipv6Ranges"] = [{"CidrIpv6": "::/0"}]
    else:
        r["IpRanges"] = [{"CidrIp": WORLD}]
    return [r]


def instance(subnet, sg, eip=True):
    i = ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, SubnetId=subnet, SecurityGroupIds=[sg])["Instances"][0]["InstanceId"]
    out = {"instance": i, "group": sg}
    if eip:
        a = ec2.allocate_address(Domain="vpc")
        ec2.associate_address(AllocationId=a["AllocationId"], InstanceId=i)
        out["eip"] = a["PublicIp"]
    return out


def acl(v, subnet, entries):
    a = ec2.create_network_acl(VpcId=v)["NetworkAcl"]["NetworkAclId"]
    for e in entries:
        ec2.create_network_acl_entry(NetworkAclId=a, **e)
    # Move the subnet from the default ACL to this one.
    assoc = [x for n in ec2.describe_network_acls()["NetworkAcls"] for x in n["Associations"] if x["SubnetId"] == subnet][0]
    ec2.replace_network_acl_association(AssociationId=assoc["NetworkAclAssociationId"], NetworkAclId=a)
    return a


def entry(rule, egress, allow, proto="-1", ports=None, cidr=WORLD):
    e = {"RuleNumber": rule, "Egress": egress, "RuleAction": "allow" if allow else "deny", "Protocol": proto, "CidrBlock": cidr}
    if ports:
        e["PortRange"] = {"From": ports[0], "To": ports[1]}
    return e


out = {}

v, s = vpc(1)
g = igw(v)
table(v, s, DestinationCidrBlock=WORLD, GatewayId=g)
out["deny-first"] = instance(s, group(v, "deny-first", mysql_world()))
out["deny-first"]["acl"] = acl(v, s, [entry(90, False, False, "6", (3306, 3306)), entry(100, False, True), entry(100, True, True)])

v, s = vpc(2)
g = igw(v)
table(v, s, DestinationCidrBlock=WORLD, GatewayId=g)
out["ephemeral"] = instance(s, group(v, "ephemeral", mysql_world()))
out["ephemeral"]["acl"] = acl(v, s, [entry(100, False, True, "6", (3306, 3306)), entry(100, True, True, "6", (443, 443))])

v, s = vpc(3)
g = igw(v)
pub = ec2.create_subnet(VpcId=v, CidrBlock="10.3.2.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
table(v, pub, DestinationCidrBlock=WORLD, GatewayId=g)
nat = ec2.create_nat_gateway(SubnetId=pub, AllocationId=ec2.allocate_address(Domain="vpc")["AllocationId"])["NatGateway"]["NatGatewayId"]
out["nat-only"] = instance(s, group(v, "nat-only", mysql_world()))
out["nat-only"]["nat"] = nat
out["nat-only"]["table"] = table(v, s, DestinationCidrBlock=WORLD, NatGatewayId=nat)

v, s = vpc(4)
eigw = ec2.create_egress_only_internet_gateway(VpcId=v)["EgressOnlyInternetGateway"]["EgressOnlyInternetGatewayId"]
out["egress-only"] = instance(s, group(v, "egress-only", mysql_world(v6=True)), eip=False)
out["egress-only"]["eigw"] = eigw
out["egress-only"]["table"] = table(v, s, DestinationIpv6CidrBlock="::/0", EgressOnlyInternetGatewayId=eigw)

v, s = vpc(5)
g = igw(v)
main = [t for t in ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [v]}])["RouteTables"]
        if any(a.get("Main") for a in t["Associations"])][0]["RouteTableId"]
ec2.create_route(RouteTableId=main, DestinationCidrBlock=WORLD, GatewayId=g)
out["main-table"] = instance(s, group(v, "main-table", mysql_world()))
out["main-table"]["table"] = main
out["main-table"]["igw"] = g

v, s = vpc(6)
g = igw(v)
pub_a = ec2.create_subnet(VpcId=v, CidrBlock="10.6.2.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
pub_b = ec2.create_subnet(VpcId=v, CidrBlock="10.6.3.0/24", AvailabilityZone="us-east-1b")["Subnet"]["SubnetId"]
t = ec2.create_route_table(VpcId=v)["RouteTable"]["RouteTableId"]
ec2.create_route(RouteTableId=t, DestinationCidrBlock=WORLD, GatewayId=g)
for x in (pub_a, pub_b):
    ec2.associate_route_table(RouteTableId=t, SubnetId=x)
lb_sg = group(v, "alb-front", [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": WORLD}]}])
app_sg = group(v, "alb-app", [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": lb_sg}]}])
elb = client("elbv2")
lb = elb.create_load_balancer(Name="front", Subnets=[pub_a, pub_b], SecurityGroups=[lb_sg], Scheme="internet-facing",
                              Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
app = instance(s, app_sg, eip=False)
tg = elb.create_target_group(Name="app", Protocol="HTTP", Port=8080, VpcId=v, TargetType="instance")["TargetGroups"][0]["TargetGroupArn"]
elb.register_targets(TargetGroupArn=tg, Targets=[{"Id": app["instance"]}])
elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80, DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
out["alb"] = {"app": app["instance"], "lbGroup": lb_sg, "appGroup": app_sg}

va, sa = vpc(7)
vb, sb = vpc(8)
sb2 = ec2.create_subnet(VpcId=vb, CidrBlock="10.8.2.0/24", AvailabilityZone="us-east-1b")["Subnet"]["SubnetId"]
pcx = ec2.create_vpc_peering_connection(VpcId=va, PeerVpcId=vb)["VpcPeeringConnection"]["VpcPeeringConnectionId"]
ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx)
table(va, sa, DestinationCidrBlock="10.8.0.0/16", VpcPeeringConnectionId=pcx)
tb = table(vb, sb, DestinationCidrBlock="10.7.0.0/16", VpcPeeringConnectionId=pcx)
ec2.associate_route_table(RouteTableId=tb, SubnetId=sb2)
peer_app = group(va, "peer-app", [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])
peer_db = group(vb, "peer-db", [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": peer_app}]}])
instance(sa, peer_app, eip=False)
rds = client("rds")
rds.create_db_subnet_group(DBSubnetGroupName="peer", DBSubnetGroupDescription="peer", SubnetIds=[sb, sb2])
rds.create_db_instance(DBInstanceIdentifier="peer-db", Engine="postgres", DBInstanceClass="db.t3.micro", MasterUsername="app",
                       MasterUserPassword="not-a-secret-1", DBSubnetGroupName="peer", VpcSecurityGroupIds=[peer_db],
                       AllocatedStorage=20, StorageEncrypted=True, PubliclyAccessible=False)
out["peered"] = {"pcx": pcx, "appGroup": peer_app, "dbGroup": peer_db}


def ssh_world():
    return [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": WORLD}]}]


def postgres(name, subnets, group_id):
    rds.create_db_subnet_group(DBSubnetGroupName=name, DBSubnetGroupDescription=name, SubnetIds=subnets)
    rds.create_db_instance(DBInstanceIdentifier=name, Engine="postgres", DBInstanceClass="db.t3.micro", MasterUsername="app",
                           MasterUserPassword="not-a-secret-1", DBSubnetGroupName=name, VpcSecurityGroupIds=[group_id],
                           AllocatedStorage=20, StorageEncrypted=True, PubliclyAccessible=False)


def peered_pair(a, b, route_back):
    va, sa = vpc(a)
    vb, sb = vpc(b)
    sb2 = ec2.create_subnet(VpcId=vb, CidrBlock="10.%d.2.0/24" % b, AvailabilityZone="us-east-1b")["Subnet"]["SubnetId"]
    pcx = ec2.create_vpc_peering_connection(VpcId=va, PeerVpcId=vb)["VpcPeeringConnection"]["VpcPeeringConnectionId"]
    ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx)
    ta = table(va, sa, DestinationCidrBlock=WORLD, GatewayId=igw(va))
    ec2.create_route(RouteTableId=ta, DestinationCidrBlock="10.%d.0.0/16" % b, VpcPeeringConnectionId=pcx)
    if route_back:
        tb = table(vb, sb, DestinationCidrBlock="10.%d.0.0/16" % a, VpcPeeringConnectionId=pcx)
    else:
        tb = ec2.create_route_table(VpcId=vb)["RouteTable"]["RouteTableId"]
        ec2.associate_route_table(RouteTableId=tb, SubnetId=sb)
    ec2.associate_route_table(RouteTableId=tb, SubnetId=sb2)
    name = "peered-open" if route_back else "peered-noroute"
    app_sg = group(va, name + "-app", ssh_world())
    db_sg = group(vb, name + "-db", [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": app_sg}]}])
    app = instance(sa, app_sg)
    postgres(name + "-db", [sb, sb2], db_sg)
    return {"pcx": pcx, "appGroup": app_sg, "dbGroup": db_sg, "db": name + "-db", "app": app["instance"], "dbTable": tb, "appTable": ta}


out["peered-open"] = peered_pair(9, 10, True)
out["peered-noroute"] = peered_pair(11, 12, False)

v, s = vpc(13)
d1 = ec2.create_subnet(VpcId=v, CidrBlock="10.13.2.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
d2 = ec2.create_subnet(VpcId=v, CidrBlock="10.13.3.0/24", AvailabilityZone="us-east-1b")["Subnet"]["SubnetId"]
table(v, s, DestinationCidrBlock=WORLD, GatewayId=igw(v))
bastion_sg = group(v, "nacl-hop-bastion", ssh_world())
hop_db_sg = group(v, "nacl-hop-db", [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": bastion_sg}]}])
bastion = instance(s, bastion_sg)
data_acl = acl(v, d1, [entry(90, False, False, "6", (5432, 5432), "10.13.1.0/24"), entry(100, False, True), entry(100, True, True)])
assoc = [x for n in ec2.describe_network_acls()["NetworkAcls"] for x in n["Associations"] if x["SubnetId"] == d2][0]
ec2.replace_network_acl_association(AssociationId=assoc["NetworkAclAssociationId"], NetworkAclId=data_acl)
postgres("nacl-hop-db", [d1, d2], hop_db_sg)
out["nacl-hop"] = {"acl": data_acl, "db": "nacl-hop-db", "bastionGroup": bastion_sg, "dbGroup": hop_db_sg, "bastion": bastion["instance"]}

print(json.dumps(out))
