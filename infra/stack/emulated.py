"""The stack created on moto's CloudFormation, then read back through the AWS APIs.

moto 5.2's CloudFormation has no model for ApiGatewayV2, CloudFront, Cognito, S3 bucket
policies or Scheduler: it skips such resources and fails on a GetAtt of one. So the stack is
created from the transformed template without them (asked of moto's own registry, so a moto
that learns a type checks it too); every reference to a skipped resource becomes a visible
stand-in string `skipped:<Id>[.<Attr>]`. The user pool, its client and domain are then created
through the Cognito API from the template's own properties (what CloudFormation would pass),
wired to the role and the trigger function the stack created, and read back like the rest.
What moto cannot hold at all (routes, schedules, CloudFront) is checked on the transformed
template (infra/stack/template_checks.py).
"""

from __future__ import annotations

import atexit
import copy
import importlib.util
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path
from typing import Any, Callable

from .translate import CODE_BUCKET, CODE_KEY

REGION = "eu-central-1"
STACK = "qabyldau-check"
COGNITO = ("AWS::Cognito::UserPool", "AWS::Cognito::UserPoolClient", "AWS::Cognito::UserPoolDomain")


class MotoServer:
    """A moto server on a free loopback port, started at once (its imports take a while on a
    busy machine, so the offline checks run meanwhile) and stopped on exit."""

    def __init__(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = Path(sys.executable).parent / "moto_server"
        self.log = open(os.environ.get("MOTO_LOG", os.devnull), "w")
        self.proc = subprocess.Popen(
            [str(server), "-H", "127.0.0.1", "-p", str(port)], stdout=self.log, stderr=self.log
        )
        self.url = f"http://127.0.0.1:{port}"
        # Stopped however the checks end, an exception before `with` included.
        atexit.register(self.stop)

    def __enter__(self) -> str:
        for _ in range(600):
            if self.proc.poll() is not None:
                raise SystemExit(f"check-stack: moto server exited ({self.proc.returncode})")
            try:
                urllib.request.urlopen(f"{self.url}/moto-api/", timeout=1)
                return self.url
            except OSError:
                time.sleep(0.1)
        raise SystemExit("check-stack: moto server did not start in 60 s")

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def stop(self) -> None:
        if self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def _bootstrap_zip() -> bytes:
    """A stand-in deployment package: moto stores the code, it never runs it here."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("bootstrap", "#!/bin/sh\nexit 0\n")
    return buf.getvalue()


def _skipped_types(types: set[str]) -> set[str]:
    """The types moto's CloudFormation has no model for, read from moto's sources (each model
    names its type in `cloudformation_type`): importing moto's CloudFormation would take tens
    of seconds on a busy machine."""
    spec = importlib.util.find_spec("moto")
    root = Path(next(iter(spec.submodule_search_locations)))
    known = set()
    for source in root.rglob("*.py"):
        text = source.read_text(errors="replace")
        if "def cloudformation_type" in text:
            known |= set(re.findall(r'def cloudformation_type\(\)[^:]*:\s*(?:#[^\n]*\n\s*)*return "([^"]+)"', text))
    if "AWS::Lambda::Function" not in known:
        raise SystemExit("check-stack: cannot read moto's CloudFormation types")
    return {t for t in types if t not in known}


def _stand_in(node: Any, skipped: set[str]) -> Any:
    """`node` with every Ref/GetAtt/Sub of a skipped resource replaced by a stand-in string."""
    if isinstance(node, list):
        return [_stand_in(n, skipped) for n in node]
    if not isinstance(node, dict):
        return node
    if node.get("Ref") in skipped:
        return f"skipped:{node['Ref']}"
    if "Fn::GetAtt" in node and node["Fn::GetAtt"][0] in skipped:
        return "skipped:" + ".".join(node["Fn::GetAtt"])
    if "Fn::Sub" in node:
        def sub(text: str) -> str:
            def one(m: re.Match[str]) -> str:
                return f"skipped:{m.group(1)}" if m.group(1).split(".")[0] in skipped else m.group(0)
            return re.sub(r"\$\{([^}!][^}]*)\}", one, text)
        value = node["Fn::Sub"]
        if isinstance(value, str):
            return {"Fn::Sub": sub(value)}
        return {"Fn::Sub": [sub(value[0]), _stand_in(value[1], skipped)]}
    return {k: _stand_in(v, skipped) for k, v in node.items()}


def moto_template(cfn: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """The transformed template without what moto skips, and the skipped logical ids."""
    types = {r["Type"] for r in cfn["Resources"].values()}
    skip_types = _skipped_types(types)
    skipped = {n for n, r in cfn["Resources"].items() if r["Type"] in skip_types}
    out = copy.deepcopy(cfn)
    out["Resources"] = {
        n: _stand_in(r, skipped) for n, r in cfn["Resources"].items() if n not in skipped
    }
    out["Outputs"] = {n: _stand_in(o, skipped) for n, o in cfn.get("Outputs", {}).items()}
    return out, skipped


class Resolver:
    """Resolves the intrinsics of a skipped resource's properties against the created stack."""

    def __init__(self, cfn: dict[str, Any], physical: dict[str, str], arns: dict[str, str],
                 account: str) -> None:
        self.params = {n: p.get("Default", "") for n, p in cfn.get("Parameters", {}).items()}
        self.params.update({"AWS::Region": REGION, "AWS::StackName": STACK,
                            "AWS::AccountId": account, "AWS::Partition": "aws"})
        self.physical, self.arns = physical, arns
        self.conditions = cfn.get("Conditions", {})

    def condition(self, node: Any) -> bool:
        if isinstance(node, dict) and "Condition" in node:
            return self.condition(self.conditions[node["Condition"]])
        (fn, args), = node.items()
        if fn == "Fn::Equals":
            return self(args[0]) == self(args[1])
        if fn == "Fn::Not":
            return not self.condition(args[0])
        if fn == "Fn::And":
            return all(self.condition(a) for a in args)
        if fn == "Fn::Or":
            return any(self.condition(a) for a in args)
        raise ValueError(f"condition {fn}")

    def __call__(self, node: Any) -> Any:
        if isinstance(node, list):
            return [self(n) for n in node]
        if not isinstance(node, dict):
            return node
        if "Ref" in node:
            name = node["Ref"]
            return self.params[name] if name in self.params else self.physical[name]
        if "Fn::GetAtt" in node:
            name, attr = node["Fn::GetAtt"]
            if attr != "Arn":
                raise ValueError(f"GetAtt {name}.{attr}")
            return self.arns[name]
        if "Fn::If" in node:
            cond, yes, no = node["Fn::If"]
            return self(yes if self.condition(self.conditions[cond]) else no)
        if "Fn::Sub" in node:
            value = node["Fn::Sub"]
            text, extra = (value, {}) if isinstance(value, str) else (value[0], value[1])
            def one(m: re.Match[str]) -> str:
                key = m.group(1)
                if key in extra:
                    return str(self(extra[key]))
                if "." in key:
                    return str(self({"Fn::GetAtt": key.split(".", 1)}))
                return str(self({"Ref": key}))
            return re.sub(r"\$\{([^}!][^}]*)\}", one, text)
        return {k: self(v) for k, v in node.items()}


def create(session: Any, url: str, cfn: dict[str, Any], say: Callable[[str], None]) -> dict[str, Any]:
    """Creates the stack (and the Cognito resources) on moto; returns what the checks need."""
    client = lambda service: session.client(service, endpoint_url=url, region_name=REGION)  # noqa: E731
    s3 = client("s3")
    s3.create_bucket(Bucket=CODE_BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    s3.put_object(Bucket=CODE_BUCKET, Key=CODE_KEY, Body=_bootstrap_zip())

    template, skipped = moto_template(cfn)
    say(f"moto skips {len(skipped)} resources: {', '.join(sorted(skipped))}")
    cf = client("cloudformation")
    cf.create_stack(StackName=STACK, TemplateBody=json.dumps(template),
                    Capabilities=["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"])
    for _ in range(600):
        status = cf.describe_stacks(StackName=STACK)["Stacks"][0]["StackStatus"]
        if not status.endswith("IN_PROGRESS"):
            break
        time.sleep(0.1)
    if status != "CREATE_COMPLETE":
        events = cf.describe_stack_events(StackName=STACK)["StackEvents"]
        reasons = [f"{e['LogicalResourceId']}: {e.get('ResourceStatusReason')}" for e in events
                   if "FAILED" in e.get("ResourceStatus", "")]
        raise SystemExit(f"check-stack: stack {status}: {reasons}")
    resources = cf.describe_stack_resources(StackName=STACK)["StackResources"]
    physical = {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in resources
                if r.get("PhysicalResourceId")}
    say(f"stack CREATE_COMPLETE on moto: {len(physical)} resources")

    account = client("sts").get_caller_identity()["Account"]
    arns = {}
    for logical, resource in template["Resources"].items():
        if resource["Type"] == "AWS::IAM::Role":
            arns[logical] = client("iam").get_role(RoleName=physical[logical])["Role"]["Arn"]
        elif resource["Type"] == "AWS::Lambda::Function":
            arns[logical] = client("lambda").get_function(
                FunctionName=physical[logical])["Configuration"]["FunctionArn"]
    resolve = Resolver(cfn, physical, arns, account)
    cognito = _create_cognito(client("cognito-idp"), cfn, resolve)
    return {"physical": physical, "template": template, "skipped": skipped, "cognito": cognito,
            "client": client, "resolve": resolve}


def _create_cognito(idp: Any, cfn: dict[str, Any], resolve: Resolver) -> dict[str, str]:
    """The template's user pool, client and domain through the Cognito API, as CloudFormation
    would create them (property names are the API's but for UserPoolName)."""
    by_type = {r["Type"]: (n, r) for n, r in cfn["Resources"].items() if r["Type"] in COGNITO}
    if not by_type:
        return {}
    pool_id, pool = by_type["AWS::Cognito::UserPool"]
    props = resolve(pool["Properties"])
    props["PoolName"] = props.pop("UserPoolName")
    created = idp.create_user_pool(**props)["UserPool"]
    resolve.physical[pool_id] = created["Id"]
    resolve.arns[pool_id] = created["Arn"]
    client_id, client = by_type["AWS::Cognito::UserPoolClient"]
    app = idp.create_user_pool_client(**resolve(client["Properties"]))["UserPoolClient"]
    domain_id, domain = by_type["AWS::Cognito::UserPoolDomain"]
    domain_props = resolve(domain["Properties"])
    idp.create_user_pool_domain(**domain_props)
    resolve.physical[client_id] = app["ClientId"]
    resolve.physical[domain_id] = domain_props["Domain"]
    return {pool_id: created["Id"], client_id: app["ClientId"], domain_id: domain_props["Domain"]}
