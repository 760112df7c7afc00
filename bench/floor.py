"""The floor of the benchmark: the describe calls postern makes, by plain boto3, one thread per
region, all regions at once (how Python auditors fan out). Prints the seconds from the first
client to the last answer (clients' set-up included, Python's start and imports not).

Usage: AWS_ENDPOINT_URL=http://127.0.0.1:PORT python3 floor.py REGION [REGION...]
"""
import os
import sys
import threading
import time

import boto3
import botocore.session  # noqa: F401  (imported before the clock starts, like the JVM's classes are not)

session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
lock = threading.Lock()


def client(service, region):
    with lock:  # boto3 sessions are not thread-safe while creating clients
        return session.client(service, endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name=region)


def pages(c, op, key, **kw):
    out = []
    for page in c.get_paginator(op).paginate(**kw):
        out.extend(page.get(key, []))
    return out


def region_calls(region, result):
    ec2 = client("ec2", region)
    n = 0
    for op, key in [("describe_security_groups", "SecurityGroups"), ("describe_network_interfaces", "NetworkInterfaces"),
                    ("describe_instances", "Reservations"), ("describe_vpcs", "Vpcs"), ("describe_subnets", "Subnets"),
                    ("describe_route_tables", "RouteTables")]:
        n += len(pages(ec2, op, key))
    rds = client("rds", region)
    dbs = pages(rds, "describe_db_instances", "DBInstances")
    clusters = pages(rds, "describe_db_clusters", "DBClusters")
    for g in sorted({p["DBParameterGroupName"] for d in dbs for p in d.get("DBParameterGroups", [])
                     if not p["DBParameterGroupName"].startswith("default.")}):
        n += len(pages(rds, "describe_db_parameters", "Parameters", DBParameterGroupName=g))
    cache = client("elasticache", region)
    n += len(pages(cache, "describe_cache_clusters", "CacheClusters", ShowCacheNodeInfo=True))
    n += len(pages(cache, "describe_replication_groups", "ReplicationGroups"))
    eb = client("elasticbeanstalk", region)
    n += len(eb.describe_environments(IncludeDeleted=False)["Environments"])
    elb = client("elbv2", region)
    for lb in pages(elb, "describe_load_balancers", "LoadBalancers"):
        n += len(pages(elb, "describe_listeners", "Listeners", LoadBalancerArn=lb["LoadBalancerArn"]))
    result[region] = n + len(dbs) + len(clusters)


if __name__ == "__main__":
    regions = sys.argv[1:]
    start = time.monotonic()
    client("sts", regions[0]).get_caller_identity()
    result = {}
    threads = [threading.Thread(target=region_calls, args=(r, result)) for r in regions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"{time.monotonic() - start:.3f}")
