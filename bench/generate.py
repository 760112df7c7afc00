#!/usr/bin/env python3
"""Writes a synthetic AWS organisation as AWS CLI describe-* JSON, for postern's benchmark.

  generate.py OUT_DIR [--scale N] [--layout compact|indent4|indent1|tabs-crlf] [--accounts A] [--regions R]

Scale 1: 100,000 security groups (edge, app and data tiers) with ~1,000,000 permissions, 30,000 data
stores (20,000 RDS instances, 5,000 Redis replication groups with two member clusters each, 5,000
Memcached clusters), ~85,000 network interfaces, 20,000 instances, 100 VPCs with subnets, a route
table per subnet (Internet gateway and NAT routes), network ACLs, gateways, Elastic IPs and peering
connections, 1,000 load balancers with listeners. Everything is spread over ACCOUNTS x REGIONS
folders (<account>/<region>/, or <region>/ for one account) when asked.

The shape varies as users' captures do, so that no reader is tuned to one generator's output:
  --layout compact     one line per file, as json.dumps(separators=(',', ':')), jq -c or boto3 exporters write
  --layout indent4     the AWS CLI's own layout (4 spaces, ', ' and ': ')
  --layout indent1     1-space indentation (this generator's former layout)
  --layout tabs-crlf   tab indentation, CRLF line ends and a UTF-8 byte-order mark
Keys come in varying order (a third of the objects shuffled); data groups often carry several CIDR
sources; some permissions name prefix lists whose entries were not captured; fields AWS omits for
some records (CertificateDetails, CacheSubnetGroupName) are missing on a few. The same seed and
scale give the same content in every layout. Deterministic. Standard library only.
"""
import argparse
import json
import os
import random

LAYOUTS = ("compact", "indent4", "indent1", "tabs-crlf")


def shuffled(obj, rnd):
    """The same value with the keys of about a third of its objects in another order."""
    if isinstance(obj, dict):
        items = [(k, shuffled(v, rnd)) for k, v in obj.items()]
        if len(items) > 1 and rnd.random() < 0.33:
            rnd.shuffle(items)
        return dict(items)
    if isinstance(obj, list):
        return [shuffled(v, rnd) for v in obj]
    return obj


class Writer:
    def __init__(self, layout, seed):
        self.layout = layout
        self.rnd = random.Random(seed)
        self.bytes = 0

    def __call__(self, path, obj):
        obj = shuffled(obj, self.rnd)
        if self.layout == "compact":
            text = json.dumps(obj, separators=(",", ":"))
        elif self.layout == "indent4":
            text = json.dumps(obj, indent=4) + "\n"
        elif self.layout == "indent1":
            text = json.dumps(obj, indent=1)
        else:
            text = "\ufeff" + json.dumps(obj, indent="\t").replace("\n", "\r\n") + "\r\n"
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        self.bytes += len(data)


def split(n, parts):
    """n items over `parts` scopes, as even as possible."""
    return [n // parts + (1 if i < n % parts else 0) for i in range(parts)]


def scope(out, write, rnd, acct, region, sc, counts, base):
    """One account-region: its files in OUT; counts of groups, data stores...; base offsets ids."""
    os.makedirs(out, exist_ok=True)
    n_groups, n_vpcs, n_rds, n_rg, n_cache, n_inst, n_lb, n_extra_eni = counts
    h = lambda prefix, i: f"{prefix}-{base + i:017x}"  # noqa: E731 ids unique across the organisation
    vpcs = [h("vpc", i) for i in range(n_vpcs)]
    subnets = []
    for i, v in enumerate(vpcs):
        for z in range(4):
            subnets.append((h("subnet", i * 4 + z), v, z))
    write(os.path.join(out, "vpcs.json"), {"Vpcs": [{"VpcId": v, "CidrBlock": f"10.{i % 256}.0.0/16", "IsDefault": False, "OwnerId": acct,
                                                      "State": "available"} for i, v in enumerate(vpcs)]})
    write(os.path.join(out, "subnets.json"), {"Subnets": [{"SubnetId": s, "VpcId": v, "CidrBlock": f"10.{i % 256}.{z}.0/24",
                                                           "AvailabilityZone": f"{region}{'abcd'[z]}", "MapPublicIpOnLaunch": z < 2,
                                                           "OwnerId": acct} for i, (s, v, z) in enumerate(subnets)]})
    tables = []
    for i, v in enumerate(vpcs):
        igw, nat = h("igw", i), h("nat", i)
        tables.append({"RouteTableId": h("rtb", i * 8), "VpcId": v, "OwnerId": acct, "Associations": [{"Main": True, "RouteTableId": h("rtb", i * 8)}],
                       "Routes": [{"DestinationCidrBlock": f"10.{i % 256}.0.0/16", "GatewayId": "local", "State": "active"},
                                  {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": igw, "State": "active"},
                                  {"DestinationIpv6CidrBlock": "::/0", "GatewayId": igw, "State": "active"}]})
        for s, vv, z in subnets[i * 4:i * 4 + 4]:
            t = h("rtb", i * 8 + 1 + z)
            tables.append({"RouteTableId": t, "VpcId": v, "OwnerId": acct,
                           "Associations": [{"Main": False, "SubnetId": s, "RouteTableId": t}],
                           "Routes": [{"DestinationCidrBlock": f"10.{i % 256}.0.0/16", "GatewayId": "local", "State": "active"},
                                      ({"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": igw, "State": "active"} if z < 2 else
                                       {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": nat, "State": "active"})]
                           + ([{"DestinationCidrBlock": "172.16.0.0/16", "VpcPeeringConnectionId": h("pcx", i), "State": "active"}] if i % 5 == 0 else [])})
    write(os.path.join(out, "route-tables.json"), {"RouteTables": tables})
    # What the network layer around the groups looks like (read once postern reads these kinds).
    acls = []
    for i, v in enumerate(vpcs):
        entries = [{"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": e, "CidrBlock": "0.0.0.0/0"} for e in (False, True)]
        entries += [{"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": e, "CidrBlock": "0.0.0.0/0"} for e in (False, True)]
        if i % 3 == 0:
            entries.insert(0, {"RuleNumber": 90, "Protocol": "6", "PortRange": {"From": 22, "To": 22}, "RuleAction": "allow", "Egress": False,
                               "CidrBlock": "0.0.0.0/0"})
        acls.append({"NetworkAclId": h("acl", i), "VpcId": v, "IsDefault": True, "OwnerId": acct, "Entries": entries,
                     "Associations": [{"NetworkAclAssociationId": h("aclassoc", i * 4 + z), "NetworkAclId": h("acl", i), "SubnetId": s}
                                      for s, vv, z in subnets[i * 4:i * 4 + 4]]})
    write(os.path.join(out, "network-acls.json"), {"NetworkAcls": acls})
    write(os.path.join(out, "internet-gateways.json"), {"InternetGateways": [
        {"InternetGatewayId": h("igw", i), "OwnerId": acct, "Attachments": [{"State": "available", "VpcId": v}]} for i, v in enumerate(vpcs)]})
    write(os.path.join(out, "nat-gateways.json"), {"NatGateways": [
        {"NatGatewayId": h("nat", i), "VpcId": v, "SubnetId": subnets[i * 4][0], "State": "available", "ConnectivityType": "public",
         "NatGatewayAddresses": [{"AllocationId": h("eipalloc", i), "PublicIp": f"3.{i % 256}.{(base + i) % 256}.1", "IsPrimary": True}]}
        for i, v in enumerate(vpcs)]})
    write(os.path.join(out, "egress-only-internet-gateways.json"), {"EgressOnlyInternetGateways": [
        {"EgressOnlyInternetGatewayId": h("eigw", i), "Attachments": [{"State": "attached", "VpcId": v}]} for i, v in enumerate(vpcs) if i % 4 == 0]})
    write(os.path.join(out, "vpc-peering-connections.json"), {"VpcPeeringConnections": [
        {"VpcPeeringConnectionId": h("pcx", i), "Status": {"Code": "active", "Message": "Active"},
         "RequesterVpcInfo": {"VpcId": v, "OwnerId": acct, "CidrBlock": f"10.{i % 256}.0.0/16", "Region": region},
         "AccepterVpcInfo": {"VpcId": h("vpc", 900000 + i), "OwnerId": "210987654321", "CidrBlock": "172.16.0.0/16", "Region": region}}
        for i, v in enumerate(vpcs) if i % 5 == 0]})

    # Tiered like real three-tier accounts: 5% edge groups (80/443 from the world), 60% app groups
    # (app ports from edge or other app groups, SSH from office ranges), 35% data groups (their
    # port from app groups; a third of them also from several CIDRs). Faults are planted at
    # realistic rates: 0.3% of rules open to the world, 0.5% dangling references.
    gid = [h("sg", i) for i in range(n_groups)]
    n_edge = max(1, n_groups // 20)
    n_app = n_groups * 60 // 100
    edge = gid[:n_edge]
    app = gid[n_edge:n_edge + n_app] or edge
    prefix_lists = [h("pl", i) for i in range(20)]
    # Group j lives in vpcs[j % n_vpcs]. AWS lets a rule name a group of its own VPC (or of a peered
    # one) and attach groups of the interface's VPC only, so references and attachments stay in a VPC.
    def by_vpc(pool):
        lists = [[] for _ in range(n_vpcs)]
        for g in pool:
            lists[index[g] % n_vpcs].append(g)
        return [x or pool for x in lists]

    def pick(pools, vi):
        pool = pools[vi % n_vpcs]
        return pool[rnd.randrange(len(pool))]

    index = {g: j for j, g in enumerate(gid)}
    edge_v, app_v = by_vpc(edge), by_vpc(app)

    def perm(port, **src):
        p = {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [], "Ipv6Ranges": [], "UserIdGroupPairs": [], "PrefixListIds": []}
        for k, v in src.items():
            p[k] = v
        return p

    def ref(g):
        return [{"UserId": acct, "GroupId": g}]

    def cidr():
        r = rnd.random()
        if r < 0.03:
            return f"203.0.{rnd.randrange(114)}.{rnd.randrange(256)}/32"  # an office or partner address
        if r < 0.2:
            return f"172.{16 + rnd.randrange(16)}.{rnd.randrange(256)}.0/24"
        return f"10.{rnd.randrange(256)}.{rnd.randrange(256)}.0/{rnd.choice([16, 20, 24, 24, 28])}"

    groups = []
    n_perms = 0
    for i, g in enumerate(gid):
        perms = []
        if i < n_edge:
            perms += [perm(80, IpRanges=[{"CidrIp": "0.0.0.0/0"}], Ipv6Ranges=[{"CidrIpv6": "::/0"}]),
                      perm(443, IpRanges=[{"CidrIp": "0.0.0.0/0"}], Ipv6Ranges=[{"CidrIpv6": "::/0"}])]
            perms += [perm(8443, UserIdGroupPairs=ref(pick(app_v, i))) for _ in range(8)]
        elif i < n_edge + n_app:
            perms += [perm(rnd.choice([8080, 8443, 3000, 9000]), UserIdGroupPairs=ref(pick(edge_v, i))) for _ in range(3)]
            perms += [perm(rnd.choice([8080, 9000]), UserIdGroupPairs=ref(pick(app_v, i))) for _ in range(5)]
            perms += [perm(22, IpRanges=[{"CidrIp": f"10.{rnd.randrange(256)}.{rnd.randrange(256)}.0/24", "Description": "office"}]) for _ in range(2)]
            if rnd.random() < 0.05:  # an S3 or partner prefix list; its entries are not in the capture
                perms.append(perm(443, PrefixListIds=[{"PrefixListId": prefix_lists[rnd.randrange(len(prefix_lists))], "Description": "partner"}]))
        else:
            port = (3306, 5432, 6379, 11211)[(i - n_edge - n_app) % 4]
            perms += [perm(port, UserIdGroupPairs=ref(pick(app_v, i))) for _ in range(9)]
            perms.append(perm(port, IpRanges=[{"CidrIp": "10.0.0.0/16"}]) if rnd.random() < 0.05 else perm(port, UserIdGroupPairs=ref(g)))
            if rnd.random() < 0.33:  # reporting hosts, VPN ranges, peered networks: several CIDRs on the data port
                perms.append(perm(port, IpRanges=[{"CidrIp": cidr(), "Description": f"client {k}"} for k in range(rnd.randrange(2, 9))]))
                if rnd.random() < 0.3:
                    perms.append(perm(port, IpRanges=[{"CidrIp": cidr()}]))
        for p in perms:
            r = rnd.random()
            if r < 0.003:
                p["IpRanges"].append({"CidrIp": "0.0.0.0/0"})
            elif r < 0.008:
                p["UserIdGroupPairs"] = [{"UserId": acct, "GroupId": f"sg-deleted{base + i:012x}"}]
        n_perms += len(perms)
        groups.append({"Description": f"group {i} \"{'edge' if i < n_edge else 'app' if i < n_edge + n_app else 'data'}\" tier {{v{i % 7}}} [x]",
                       "GroupName": "default" if i < n_vpcs else f"app-{i}", "IpPermissions": perms,
                       "OwnerId": acct, "GroupId": g, "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [],
                                                                             "PrefixListIds": [], "UserIdGroupPairs": []}],
                       "VpcId": vpcs[i % n_vpcs], "SecurityGroupArn": f"arn:aws:ec2:{region}:{acct}:security-group/{g}",
                       "Tags": [{"Key": "team", "Value": f"t{i % 50}"}] + ([{"Key": "note", "Value": "owner: \u00e9quipe donn\u00e9es, \\\\share"}] if i % 97 == 0 else [])})
    write(os.path.join(out, "security-groups.json"), {"SecurityGroups": groups})
    pls = [{"PrefixListId": p, "PrefixListName": f"partner-{k}", "State": "create-complete", "AddressFamily": "IPv4", "MaxEntries": 20,
            "OwnerId": acct} for k, p in enumerate(prefix_lists) if k % 2 == 0]
    write(os.path.join(out, "prefix-lists.json"), {"PrefixLists": pls})  # the lists, but no entries file

    data_groups = data_pool(gid, n_edge, n_app)
    data_v = by_vpc(data_groups)
    by_port = {port: by_vpc(data_groups[k::4] or data_groups) for k, port in enumerate((3306, 5432, 6379, 11211))}

    def data_sg(port, vi):
        """A data group of VPC VI admitting the store's port; 2% are the wrong group (a planted port mismatch)."""
        return pick(data_v if rnd.random() < 0.02 else by_port.get(port, data_v), vi)

    def subnet():
        """A random subnet: (id, VPC id, zone, VPC number)."""
        k = rnd.randrange(len(subnets))
        return subnets[k] + (k // 4,)

    enis = []
    vpc_no = {v: k for k, v in enumerate(vpcs)}

    def eni(desc, groups_, s, v, itype="interface", managed=False, public=None):
        e = {"NetworkInterfaceId": h("eni", len(enis)), "Description": desc, "Groups": [{"GroupId": x, "GroupName": "g"} for x in groups_],
             "InterfaceType": itype, "RequesterManaged": managed, "SubnetId": s, "VpcId": v, "OwnerId": acct, "Status": "in-use",
             "AvailabilityZone": f"{region}{'abcd'[int(s[-1], 16) % 4]}", "PrivateIpAddress": f"10.{vpc_no[v] % 256}.{int(s[-1], 16) % 4}.{rnd.randrange(4, 255)}"}
        if public:
            e["Association"] = {"PublicIp": public, "IpOwnerId": "amazon"}
        enis.append(e)

    insts = []
    for i in range(n_inst):
        s, v, z, vi = subnet()
        g = pick(app_v, vi)
        inst = {"InstanceId": h("i", i), "State": {"Code": 16, "Name": "running"}, "SubnetId": s, "VpcId": v, "SecurityGroups": [{"GroupId": g, "GroupName": "app"}],
                "InstanceType": "m6i.large", "Tags": [{"Key": "Name", "Value": f"app-{i}"}]}
        if z < 2 and rnd.random() < 0.3:
            inst["PublicIpAddress"] = f"54.{i % 256}.{(i >> 8) % 256}.{rnd.randrange(256)}"
        insts.append(inst)
        eni(f"Primary network interface", [g], s, v, public=inst.get("PublicIpAddress"))
    write(os.path.join(out, "instances.json"), {"Reservations": [{"ReservationId": h("r", i), "OwnerId": acct, "Instances": insts[i:i + 10]}
                                                                for i in range(0, len(insts), 10)]})
    write(os.path.join(out, "addresses.json"), {"Addresses": [
        {"AllocationId": h("eipalloc", 1000 + i), "PublicIp": x["PublicIpAddress"], "InstanceId": x["InstanceId"], "Domain": "vpc"}
        for i, x in enumerate(insts) if "PublicIpAddress" in x and i % 3 == 0]})

    users = ["admin", "postgres", "root", "appuser", "dbadmin", "svc_orders", "reporting", "master"]
    dbs = []
    for i in range(n_rds):
        eng = rnd.choice(["mysql", "postgres", "mariadb"])
        default_port = 5432 if eng == "postgres" else 3306
        port = default_port if rnd.random() < 0.97 else default_port + 10000
        s, v, z, vi = subnet()
        db = {"DBInstanceIdentifier": f"db-{base + i}", "Engine": eng, "EngineVersion": "16.3" if eng == "postgres" else "8.0.39",
              "DBInstanceStatus": "available", "MasterUsername": users[rnd.randrange(len(users))],
              "Endpoint": {"Address": f"db-{base + i}.abc.{region}.rds.amazonaws.com", "Port": port},
              "VpcSecurityGroups": [{"VpcSecurityGroupId": data_sg(default_port, vi), "Status": "active"}],
              "DBParameterGroups": [{"DBParameterGroupName": f"default.{eng}", "ParameterApplyStatus": "in-sync"}],
              "StorageEncrypted": rnd.random() < 0.8, "PubliclyAccessible": rnd.random() < 0.05,
              "IAMDatabaseAuthenticationEnabled": rnd.random() < 0.3,
              "CACertificateIdentifier": "rds-ca-rsa2048-g1" if rnd.random() < 0.9 else "rds-ca-2019",
              "DBSubnetGroup": {"DBSubnetGroupName": f"sub-{v}", "VpcId": v, "Subnets": [{"SubnetIdentifier": s}]},
              "DBInstanceArn": f"arn:aws:rds:{region}:{acct}:db:db-{base + i}"}
        if rnd.random() < 0.97:  # absent on some records (instances being created, some engines)
            db["CertificateDetails"] = {"CAIdentifier": db["CACertificateIdentifier"], "ValidTill": f"20{rnd.choice([25, 27, 28, 29])}-0{rnd.randrange(1, 10)}-15T12:00:00+00:00"}
        dbs.append(db)
        eni("RDSNetworkInterface", [db["VpcSecurityGroups"][0]["VpcSecurityGroupId"]], s, v, managed=True)
    write(os.path.join(out, "db-instances.json"), {"DBInstances": dbs})
    write(os.path.join(out, "db-clusters.json"), {"DBClusters": []})

    rgs = []
    members = []
    for i in range(n_rg):
        g = data_sg(6379, i)
        subnet_group = "default" if rnd.random() < 0.1 else f"cache-{vpcs[i % n_vpcs]}"
        rg_id = f"rg-{base + i}"
        rgs.append({"ReplicationGroupId": rg_id, "Engine": "redis", "Status": "available", "MemberClusters": [f"{rg_id}-001", f"{rg_id}-002"],
                    "NodeGroups": [{"NodeGroupId": "0001", "PrimaryEndpoint": {"Address": f"master.{rg_id}.x.use1.cache.amazonaws.com", "Port": 6379}}],
                    "AtRestEncryptionEnabled": rnd.random() < 0.7, "TransitEncryptionEnabled": rnd.random() < 0.7, "AuthTokenEnabled": rnd.random() < 0.5,
                    "ARN": f"arn:aws:elasticache:{region}:{acct}:replicationgroup:{rg_id}"})
        for m in ("001", "002"):
            s, v, z = subnets[(i % n_vpcs) * 4 + rnd.randrange(4)]  # the group's VPC
            c = {"CacheClusterId": f"{rg_id}-{m}", "Engine": "redis", "CacheClusterStatus": "available", "ReplicationGroupId": rg_id,
                 "SecurityGroups": [{"SecurityGroupId": g, "Status": "active"}]}
            if rnd.random() < 0.98:
                c["CacheSubnetGroupName"] = subnet_group
            members.append(c)
            eni("ElastiCache " + c["CacheClusterId"], [g], s, v, managed=True)
    memcached = []
    for i in range(n_cache):
        s, v, z, vi = subnet()
        g = data_sg(11211, vi)
        c = {"CacheClusterId": f"mc-{base + i}", "Engine": "memcached", "CacheClusterStatus": "available",
             "SecurityGroups": [{"SecurityGroupId": g, "Status": "active"}],
             "CacheNodes": [{"CacheNodeId": "0001", "Endpoint": {"Address": f"mc-{base + i}.x.cfg.use1.cache.amazonaws.com", "Port": 11211}}],
             "TransitEncryptionEnabled": False}
        if rnd.random() < 0.98:
            c["CacheSubnetGroupName"] = "default" if rnd.random() < 0.1 else f"cache-{v}"
        memcached.append(c)
        eni("ElastiCache " + c["CacheClusterId"], [g], s, v, managed=True)
    write(os.path.join(out, "replication-groups.json"), {"ReplicationGroups": rgs})
    write(os.path.join(out, "cache-clusters.json"), {"CacheClusters": members + memcached})

    lbs = []
    listeners = []
    for i in range(n_lb):
        arn = f"arn:aws:elasticloadbalancing:{region}:{acct}:loadbalancer/app/lb-{base + i}/{base + i:016x}"
        g = pick(edge_v, i)
        lbs.append({"LoadBalancerArn": arn, "LoadBalancerName": f"lb-{base + i}", "Scheme": "internet-facing", "Type": "application",
                    "VpcId": vpcs[i % n_vpcs], "SecurityGroups": [g], "State": {"Code": "active"},
                    "AvailabilityZones": [{"ZoneName": f"{region}{'abcd'[z]}", "SubnetId": subnets[(i % n_vpcs) * 4 + z][0]} for z in range(2)]})
        listeners.append({"ListenerArn": arn.replace("loadbalancer", "listener") + "/1", "LoadBalancerArn": arn, "Protocol": "HTTP", "Port": 80,
                          "DefaultActions": [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}]})
        if rnd.random() < 0.8:
            listeners.append({"ListenerArn": arn.replace("loadbalancer", "listener") + "/2", "LoadBalancerArn": arn, "Protocol": "HTTPS", "Port": 443,
                              "SslPolicy": rnd.choice(["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-2016-08"]),
                              "DefaultActions": [{"Type": "forward"}]})
        for z in range(2):
            s, v, _ = subnets[(i % n_vpcs) * 4 + z]
            eni(f"ELB app/lb-{base + i}/{base + i:016x}", [g], s, v, managed=True)
    write(os.path.join(out, "load-balancers.json"), {"LoadBalancers": lbs})
    write(os.path.join(out, "listeners.json"), {"Listeners": listeners})
    write(os.path.join(out, "environments.json"), {"Environments": []})
    for i in range(n_extra_eni):  # containers and functions: interfaces with no instance
        s, v, z, vi = subnet()
        eni("arn:aws:ecs:task" if i % 2 else "AWS Lambda VPC ENI", [pick(app_v, vi)], s, v, itype="interface" if i % 2 else "lambda", managed=True)
    write(os.path.join(out, "network-interfaces.json"), {"NetworkInterfaces": enis})
    return n_perms, len(enis)


def data_pool(gid, n_edge, n_app):
    return gid[n_edge + n_app:] or gid


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--layout", choices=LAYOUTS, default="indent4")
    ap.add_argument("--accounts", type=int, default=1)
    ap.add_argument("--regions", type=int, default=1)
    a = ap.parse_args()
    regions = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1",
               "eu-north-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-northeast-2", "ca-central-1",
               "sa-east-1"][:a.regions]
    accounts = [f"{123456789012 + 1111 * k:012d}" for k in range(a.accounts)]
    scopes = [(acct, r) for acct in accounts for r in regions]
    totals = [int(100_000 * a.scale), max(len(scopes), int(100 * a.scale)), int(20_000 * a.scale), int(5_000 * a.scale),
              int(5_000 * a.scale), int(20_000 * a.scale), max(len(scopes), int(1_000 * a.scale)), int(35_000 * a.scale)]
    per = list(zip(*[split(t, len(scopes)) for t in totals]))
    write = Writer(a.layout, 7)
    rnd = random.Random(42)
    perms = enis = 0
    base = 0
    for (acct, region), counts in zip(scopes, per):
        out = os.path.join(a.out, region) if len(accounts) == 1 else os.path.join(a.out, acct, region)
        p, e = scope(out, write, rnd, acct, region, a.scale, counts, base)
        perms += p
        enis += e
        base += 1 << 24
    print(json.dumps({"layout": a.layout, "scopes": len(scopes), "securityGroups": totals[0], "permissions": perms,
                      "dataStores": totals[2] + totals[3] + totals[4], "instances": totals[5], "networkInterfaces": enis, "bytes": write.bytes}))


if __name__ == "__main__":
    main()
