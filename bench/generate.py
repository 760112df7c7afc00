#!/usr/bin/env python3
"""Writes a synthetic AWS account as AWS CLI describe-* JSON, for postern's benchmark.

  generate.py OUT_DIR [--scale N]

Scale 1: 100,000 security groups (edge, app and data tiers) with ~1,000,000 permissions, 20,000 data stores
(10,000 RDS instances, 5,000 replication groups with 5,000 member clusters... see below),
their network interfaces, 20,000 instances, 100 VPCs with subnets and route tables,
1,000 load balancers with listeners. Deterministic (fixed seed). Standard library only.
"""
import argparse
import json
import os
import random


def write(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--scale", type=float, default=1.0)
    a = ap.parse_args()
    rnd = random.Random(42)
    acct = "123456789012"
    region = "us-east-1"
    out = os.path.join(a.out, region)
    os.makedirs(out, exist_ok=True)
    n_groups = int(100_000 * a.scale)
    n_vpcs = max(1, int(100 * a.scale))
    n_rds = int(10_000 * a.scale)
    n_rg = int(5_000 * a.scale)
    n_cache = int(5_000 * a.scale)
    n_inst = int(20_000 * a.scale)
    n_lb = max(1, int(1_000 * a.scale))

    vpcs = [f"vpc-{i:017x}" for i in range(n_vpcs)]
    subnets = []
    for i, v in enumerate(vpcs):
        for z in range(4):
            subnets.append((f"subnet-{i * 4 + z:017x}", v, z))
    write(os.path.join(out, "vpcs.json"), {"Vpcs": [{"VpcId": v, "CidrBlock": f"10.{i % 256}.0.0/16", "IsDefault": False} for i, v in enumerate(vpcs)]})
    write(os.path.join(out, "subnets.json"), {"Subnets": [{"SubnetId": s, "VpcId": v, "CidrBlock": f"10.0.{z}.0/24", "AvailabilityZone": f"{region}{'abcd'[z]}"} for s, v, z in subnets]})
    tables = []
    for i, v in enumerate(vpcs):
        tables.append({"RouteTableId": f"rtb-{i * 2:017x}", "VpcId": v, "Associations": [{"Main": True}],
                       "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"}, {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": f"igw-{i:017x}"}]})
        tables.append({"RouteTableId": f"rtb-{i * 2 + 1:017x}", "VpcId": v,
                       "Associations": [{"Main": False, "SubnetId": s} for s, vv, z in subnets if vv == v and z >= 2],
                       "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"}, {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": f"nat-{i:017x}"}]})
    write(os.path.join(out, "route-tables.json"), {"RouteTables": tables})

    # Tiered like real three-tier accounts: 5% edge groups (80/443 from the world), 60% app groups
    # (app ports from edge or other app groups, SSH from office ranges), 35% data groups (their
    # port from app groups). Faults are planted at realistic rates: 0.3% of rules open to the world,
    # 0.5% dangling references, a few CIDRs on data groups.
    gid = [f"sg-{i:017x}" for i in range(n_groups)]
    n_edge = max(1, n_groups // 20)
    n_app = n_groups * 60 // 100
    edge = gid[:n_edge]
    app = gid[n_edge:n_edge + n_app]
    data = gid[n_edge + n_app:]

    def perm(port, **src):
        p = {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [], "Ipv6Ranges": [], "UserIdGroupPairs": [], "PrefixListIds": []}
        for k, v in src.items():
            p[k] = v
        return p

    def ref(g):
        return [{"UserId": acct, "GroupId": g}]

    groups = []
    for i, g in enumerate(gid):
        perms = []
        if i < n_edge:
            perms += [perm(80, IpRanges=[{"CidrIp": "0.0.0.0/0"}], Ipv6Ranges=[{"CidrIpv6": "::/0"}]),
                      perm(443, IpRanges=[{"CidrIp": "0.0.0.0/0"}], Ipv6Ranges=[{"CidrIpv6": "::/0"}])]
            perms += [perm(8443, UserIdGroupPairs=ref(app[rnd.randrange(len(app))])) for _ in range(8)]
        elif i < n_edge + n_app:
            perms += [perm(rnd.choice([8080, 8443, 3000, 9000]), UserIdGroupPairs=ref(edge[rnd.randrange(n_edge)])) for _ in range(3)]
            perms += [perm(rnd.choice([8080, 9000]), UserIdGroupPairs=ref(app[rnd.randrange(len(app))])) for _ in range(5)]
            perms += [perm(22, IpRanges=[{"CidrIp": f"10.{rnd.randrange(256)}.{rnd.randrange(256)}.0/24", "Description": "office"}]) for _ in range(2)]
        else:
            port = rnd.choice([3306, 5432, 6379, 11211])
            perms += [perm(port, UserIdGroupPairs=ref(app[rnd.randrange(len(app))])) for _ in range(9)]
            perms.append(perm(port, IpRanges=[{"CidrIp": "10.0.0.0/16"}]) if rnd.random() < 0.05 else perm(port, UserIdGroupPairs=ref(g)))
        for p in perms:
            r = rnd.random()
            if r < 0.003:
                p["IpRanges"].append({"CidrIp": "0.0.0.0/0"})
            elif r < 0.008:
                p["UserIdGroupPairs"] = [{"UserId": acct, "GroupId": f"sg-deleted{i:012x}"}]
        groups.append({"Description": f"group {i}", "GroupName": "default" if i < n_vpcs else f"app-{i}", "IpPermissions": perms,
                       "OwnerId": acct, "GroupId": g, "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
                       "VpcId": vpcs[i % n_vpcs], "SecurityGroupArn": f"arn:aws:ec2:{region}:{acct}:security-group/{g}",
                       "Tags": [{"Key": "team", "Value": f"t{i % 50}"}]})
    write(os.path.join(out, "security-groups.json"), {"SecurityGroups": groups})

    def sg(pool=None):
        pool = pool or gid
        return pool[rnd.randrange(len(pool))]

    insts = []
    for i in range(n_inst):
        s, v, z = subnets[rnd.randrange(len(subnets))]
        inst = {"InstanceId": f"i-{i:017x}", "State": {"Name": "running"}, "SubnetId": s, "VpcId": v, "SecurityGroups": [{"GroupId": sg(app)}],
                "Tags": [{"Key": "Name", "Value": f"app-{i}"}]}
        if z < 2 and rnd.random() < 0.3:
            inst["PublicIpAddress"] = f"54.{i % 256}.{(i >> 8) % 256}.{rnd.randrange(256)}"
        insts.append(inst)
    write(os.path.join(out, "instances.json"), {"Reservations": [{"ReservationId": f"r-{i:017x}", "OwnerId": acct, "Instances": insts[i:i + 10]} for i in range(0, len(insts), 10)]})

    dbs = []
    for i in range(n_rds):
        eng = rnd.choice(["mysql", "postgres", "mariadb"])
        port = 5432 if eng == "postgres" else 3306
        s, v, z = subnets[rnd.randrange(len(subnets))]
        dbs.append({"DBInstanceIdentifier": f"db-{i}", "Engine": eng, "EngineVersion": "16.3" if eng == "postgres" else "8.0.39",
                    "Endpoint": {"Address": f"db-{i}.abc.{region}.rds.amazonaws.com", "Port": port},
                    "VpcSecurityGroups": [{"VpcSecurityGroupId": sg(data), "Status": "active"}],
                    "DBParameterGroups": [{"DBParameterGroupName": f"default.{eng}"}], "StorageEncrypted": rnd.random() < 0.8,
                    "PubliclyAccessible": rnd.random() < 0.05,
                    "DBSubnetGroup": {"DBSubnetGroupName": f"sub-{v}", "VpcId": v, "Subnets": [{"SubnetIdentifier": s}]},
                    "DBInstanceArn": f"arn:aws:rds:{region}:{acct}:db:db-{i}"})
    write(os.path.join(out, "db-instances.json"), {"DBInstances": dbs})
    write(os.path.join(out, "db-clusters.json"), {"DBClusters": []})

    rgs = []
    members = []
    for i in range(n_rg):
        g = sg(data)
        rgs.append({"ReplicationGroupId": f"rg-{i}", "Engine": "redis", "MemberClusters": [f"rg-{i}-001"],
                    "NodeGroups": [{"NodeGroupId": "0001", "PrimaryEndpoint": {"Address": f"master.rg-{i}.x.use1.cache.amazonaws.com", "Port": 6379}}],
                    "AtRestEncryptionEnabled": rnd.random() < 0.7, "TransitEncryptionEnabled": rnd.random() < 0.7, "AuthTokenEnabled": rnd.random() < 0.5,
                    "ARN": f"arn:aws:elasticache:{region}:{acct}:replicationgroup:rg-{i}"})
        members.append({"CacheClusterId": f"rg-{i}-001", "Engine": "redis", "ReplicationGroupId": f"rg-{i}", "SecurityGroups": [{"SecurityGroupId": g}]})
    caches = members + [{"CacheClusterId": f"mc-{i}", "Engine": "memcached", "SecurityGroups": [{"SecurityGroupId": sg(data)}],
                         "CacheNodes": [{"CacheNodeId": "0001", "Endpoint": {"Address": f"mc-{i}.x.cfg.use1.cache.amazonaws.com", "Port": 11211}}],
                         "TransitEncryptionEnabled": False} for i in range(n_cache)]
    write(os.path.join(out, "replication-groups.json"), {"ReplicationGroups": rgs})
    write(os.path.join(out, "cache-clusters.json"), {"CacheClusters": caches})

    enis = []
    for i in range(n_rds):
        s, v, z = subnets[rnd.randrange(len(subnets))]
        enis.append({"NetworkInterfaceId": f"eni-{i:017x}", "Description": "RDSNetworkInterface", "Groups": [{"GroupId": dbs[i]["VpcSecurityGroups"][0]["VpcSecurityGroupId"]}],
                     "InterfaceType": "interface", "RequesterManaged": True, "SubnetId": s, "VpcId": v})
    write(os.path.join(out, "network-interfaces.json"), {"NetworkInterfaces": enis})

    lbs = []
    listeners = []
    for i in range(n_lb):
        arn = f"arn:aws:elasticloadbalancing:{region}:{acct}:loadbalancer/app/lb-{i}/{i:016x}"
        lbs.append({"LoadBalancerArn": arn, "LoadBalancerName": f"lb-{i}", "Scheme": "internet-facing", "Type": "application",
                    "VpcId": vpcs[i % n_vpcs], "SecurityGroups": [sg(edge)]})
        listeners.append({"ListenerArn": arn.replace("loadbalancer", "listener") + "/1", "LoadBalancerArn": arn, "Protocol": "HTTP", "Port": 80,
                          "DefaultActions": [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}]})
        if rnd.random() < 0.8:
            listeners.append({"ListenerArn": arn.replace("loadbalancer", "listener") + "/2", "LoadBalancerArn": arn, "Protocol": "HTTPS", "Port": 443,
                              "DefaultActions": [{"Type": "forward"}]})
    write(os.path.join(out, "load-balancers.json"), {"LoadBalancers": lbs})
    write(os.path.join(out, "listeners.json"), {"Listeners": listeners})
    write(os.path.join(out, "environments.json"), {"Environments": []})
    perms = sum(len(g["IpPermissions"]) for g in groups)
    print(json.dumps({"securityGroups": n_groups, "permissions": perms, "dataStores": n_rds + n_rg + n_cache, "instances": n_inst,
                      "bytes": sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out))}))


if __name__ == "__main__":
    main()
