"""What the stack on moto holds, read back through the AWS APIs and compared to the template."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from .emulated import REGION, Resolver

Fail = Callable[[str], None]


def _of_type(template: dict[str, Any], kind: str) -> dict[str, Any]:
    return {n: r for n, r in template["Resources"].items() if r["Type"] == kind}


def table(ctx: dict[str, Any], cfn: dict[str, Any], fail: Fail) -> str:
    (logical, resource), = _of_type(cfn, "AWS::DynamoDB::Table").items()
    props = resource["Properties"]
    desc = ctx["client"]("dynamodb").describe_table(TableName=ctx["physical"][logical])["Table"]
    keys = lambda schema: [(k["AttributeName"], k["KeyType"]) for k in schema]  # noqa: E731
    if keys(desc["KeySchema"]) != keys(props["KeySchema"]):
        fail(f"table: key schema {desc['KeySchema']}")
    want = {g["IndexName"]: keys(g["KeySchema"]) for g in props["GlobalSecondaryIndexes"]}
    have = {g["IndexName"]: keys(g["KeySchema"]) for g in desc.get("GlobalSecondaryIndexes", [])}
    if have != want:
        fail(f"table: GSIs {sorted(have)} differ from the template's {sorted(want)}")
    if desc.get("BillingModeSummary", {}).get("BillingMode") != "PAY_PER_REQUEST":
        fail(f"table: billing {desc.get('BillingModeSummary')}")
    return f"table {desc['TableName']}: keys pk/sk, GSIs {', '.join(sorted(have))}, on demand"


def queues(ctx: dict[str, Any], cfn: dict[str, Any], fail: Fail) -> str:
    sqs = ctx["client"]("sqs")
    said = []
    attrs = {}
    for logical in _of_type(cfn, "AWS::SQS::Queue"):
        url = ctx["physical"][logical]
        attrs[logical] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    for logical, resource in _of_type(cfn, "AWS::SQS::Queue").items():
        props, got = resource["Properties"], attrs[logical]
        redrive = props.get("RedrivePolicy")
        if redrive:
            dlq = redrive["deadLetterTargetArn"]["Fn::GetAtt"][0]
            policy = json.loads(got.get("RedrivePolicy", "{}"))
            if policy.get("deadLetterTargetArn") != attrs[dlq]["QueueArn"]:
                fail(f"{logical}: redrive to {policy.get('deadLetterTargetArn')}, not {dlq}")
            if int(policy.get("maxReceiveCount", 0)) != int(redrive["maxReceiveCount"]):
                fail(f"{logical}: maxReceiveCount {policy.get('maxReceiveCount')}")
            said.append(f"{logical} → {dlq} after {policy.get('maxReceiveCount')} receives")
        for key in ("VisibilityTimeout", "MessageRetentionPeriod"):
            if key in props and int(got[key]) != int(props[key]):
                fail(f"{logical}: {key} {got[key]}, template {props[key]}")
    return "queues: " + "; ".join(said)


def functions(ctx: dict[str, Any], cfn: dict[str, Any], crates: set[str], fail: Fail,
              warn: Fail) -> str:
    lam = ctx["client"]("lambda")
    physical = ctx["physical"]
    binaries = {}
    for logical, resource in _of_type(ctx["template"], "AWS::Lambda::Function").items():
        conf = lam.get_function(FunctionName=physical[logical])["Configuration"]
        binary = resource["Metadata"]["BuildProperties"]["Binary"]
        binaries[binary] = conf
        if (conf["Runtime"], conf["Handler"]) != ("provided.al2023", "bootstrap"):
            fail(f"{binary}: {conf['Runtime']} {conf['Handler']}")
        # moto's CloudFormation drops Architectures: read it from the template.
        if resource["Properties"].get("Architectures") != ["arm64"]:
            fail(f"{binary}: architectures {resource['Properties'].get('Architectures')}")
        env = conf.get("Environment", {}).get("Variables", {})
        if env.get("TABLE_NAME") != physical["Table"]:
            fail(f"{binary}: TABLE_NAME {env.get('TABLE_NAME')!r}")
        if env.get("QUEUE_URL") != physical["NotificationsQueue"]:
            fail(f"{binary}: QUEUE_URL {env.get('QUEUE_URL')!r}")
        # Lambda refuses more than 4 KB of environment (keys and values).
        size = sum(len(k) + len(v) for k, v in env.items())
        if size > 4096:
            fail(f"{binary}: {size} bytes of environment, Lambda allows 4096")
        if binary != "presignup":
            for var in ("JWT_ISSUER", "JWT_AUDIENCE", "JWT_JWKS_URL", "JWT_IIN_CLAIM",
                        "JWT_NAME_CLAIM", "JWT_TOKEN_USE"):
                if not env.get(var):
                    fail(f"{binary}: {var} is empty")
            issuer = f"https://cognito-idp.{REGION}.amazonaws.com/skipped:UserPool"
            if env.get("JWT_ISSUER") != issuer or env.get("JWT_JWKS_URL") != issuer + "/.well-known/jwks.json":
                fail(f"{binary}: JWT_ISSUER/JWT_JWKS_URL {env.get('JWT_ISSUER')!r} {env.get('JWT_JWKS_URL')!r}")
            if (env.get("JWT_IIN_CLAIM"), env.get("JWT_TOKEN_USE")) != ("custom:iin", "id"):
                fail(f"{binary}: JWT_IIN_CLAIM/JWT_TOKEN_USE {env.get('JWT_IIN_CLAIM')!r}")
    for crate in sorted(crates - set(binaries)):
        fail(f"functions/{crate} has no Lambda in the template")
    for binary in sorted(set(binaries) - crates):
        warn(f"the template builds `{binary}`, but functions/{binary} is not in this checkout "
             "(sam build needs it)")
    return f"{len(binaries)} Lambdas (provided.al2023, arm64), one per crate of functions/"


def event_sources(ctx: dict[str, Any], cfn: dict[str, Any], fail: Fail) -> str:
    lam = ctx["client"]("lambda")
    said = []
    for logical, resource in _of_type(cfn, "AWS::Lambda::EventSourceMapping").items():
        props = resource["Properties"]
        function = props["FunctionName"]["Ref"]
        mappings = lam.list_event_source_mappings(FunctionName=ctx["physical"][function])
        found = mappings["EventSourceMappings"]
        queue = props["EventSourceArn"]["Fn::GetAtt"][0]
        queue_arn = ctx["client"]("sqs").get_queue_attributes(
            QueueUrl=ctx["physical"][queue], AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        ok = [m for m in found if m["EventSourceArn"] == queue_arn
              and m.get("FunctionResponseTypes") == ["ReportBatchItemFailures"]
              and m.get("BatchSize") == props.get("BatchSize")]
        if not ok:
            fail(f"{logical}: no mapping {queue} → {function} with ReportBatchItemFailures: {found}")
        said.append(f"{queue} → {function} (batch {props.get('BatchSize')}, partial failures)")
    return "event sources: " + "; ".join(said)


def schedules(ctx: dict[str, Any], cfn: dict[str, Any], fail: Fail) -> str:
    events = ctx["client"]("events")
    lam = ctx["client"]("lambda")
    said = []
    for logical, resource in _of_type(cfn, "AWS::Events::Rule").items():
        props = resource["Properties"]
        rule = events.describe_rule(Name=ctx["physical"][logical])
        if rule.get("ScheduleExpression") != props["ScheduleExpression"]:
            fail(f"{logical}: schedule {rule.get('ScheduleExpression')}")
        function = props["Targets"][0]["Arn"]["Fn::GetAtt"][0]
        arn = lam.get_function(FunctionName=ctx["physical"][function])["Configuration"]["FunctionArn"]
        targets = events.list_targets_by_rule(Rule=ctx["physical"][logical])["Targets"]
        if [t["Arn"] for t in targets] != [arn]:
            fail(f"{logical}: targets {targets}, expected {function}")
        said.append(f"{function} {rule.get('ScheduleExpression')}")
    return "EventBridge rules: " + "; ".join(sorted(said))


def buckets(ctx: dict[str, Any], cfn: dict[str, Any], fail: Fail) -> str:
    s3 = ctx["client"]("s3")
    names = []
    for logical in _of_type(cfn, "AWS::S3::Bucket"):
        name = ctx["physical"][logical]
        rules = s3.get_bucket_encryption(Bucket=name)["ServerSideEncryptionConfiguration"]["Rules"]
        if rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] != "AES256":
            fail(f"{logical}: encryption {rules}")
        names.append(logical)
    return f"buckets {', '.join(sorted(names))}: SSE-S3"


def cognito(ctx: dict[str, Any], cfn: dict[str, Any], resolve: Resolver, fail: Fail) -> str:
    ids = ctx["cognito"]
    if not ids:
        fail("no user pool in the template")
        return ""
    idp = ctx["client"]("cognito-idp")
    pool = idp.describe_user_pool(UserPoolId=ids["UserPool"])["UserPool"]
    if pool.get("UsernameAttributes") != ["phone_number"]:
        fail(f"user pool: username {pool.get('UsernameAttributes')}")
    if pool.get("AutoVerifiedAttributes") != ["phone_number"]:
        fail(f"user pool: verifies {pool.get('AutoVerifiedAttributes')}")
    iin = [a for a in pool.get("SchemaAttributes", []) if a["Name"] == "custom:iin"]
    if not iin or iin[0].get("Mutable") is not False or iin[0].get("StringAttributeConstraints") != {
            "MinLength": "12", "MaxLength": "12"}:
        fail(f"user pool: custom:iin is {iin}")
    trigger = ctx["client"]("lambda").get_function(
        FunctionName=ctx["physical"]["PreSignUpFunction"])["Configuration"]["FunctionArn"]
    if pool.get("LambdaConfig", {}).get("PreSignUp") != trigger:
        fail(f"user pool: PreSignUp {pool.get('LambdaConfig')}, not the stack's presignup")
    sms = pool.get("SmsConfiguration", {})
    if sms.get("SnsCallerArn") != resolve.arns["UserPoolSmsRole"] or not sms.get("ExternalId"):
        fail(f"user pool: SMS {sms}")
    policy = json.loads(ctx["client"]("lambda").get_policy(
        FunctionName=ctx["physical"]["PreSignUpFunction"])["Policy"])
    if not any(s.get("Principal", {}).get("Service") == "cognito-idp.amazonaws.com"
               for s in policy["Statement"]):
        fail("presignup: cognito-idp may not invoke it")

    app = idp.describe_user_pool_client(UserPoolId=ids["UserPool"],
                                        ClientId=ids["UserPoolClient"])["UserPoolClient"]
    expect = {"AllowedOAuthFlows": ["code"], "AllowedOAuthFlowsUserPoolClient": True,
              "AllowedOAuthScopes": ["openid", "phone", "profile"],
              "SupportedIdentityProviders": ["COGNITO"], "IdTokenValidity": 1,
              "AccessTokenValidity": 1, "RefreshTokenValidity": 30,
              "PreventUserExistenceErrors": "ENABLED"}
    for key, value in expect.items():
        if app.get(key) != value:
            fail(f"client: {key} {app.get(key)!r}, expected {value!r}")
    if "ClientSecret" in app:
        fail("client: has a secret (a browser cannot keep one)")
    for key in ("ReadAttributes", "WriteAttributes"):
        if "custom:iin" not in app.get(key, []):
            fail(f"client: custom:iin not in {key}")
    # The sign-in app (frontend/signin) is the only way back; logout returns home.
    callbacks, logouts = app.get("CallbackURLs", []), app.get("LogoutURLs", [])
    if not callbacks or not all(u.endswith("/signin/") for u in callbacks):
        fail(f"client: callbacks {callbacks}, expected the site's /signin/")
    if not logouts or not all(u.endswith("/") and not u.endswith("/signin/") for u in logouts):
        fail(f"client: logout URLs {logouts}, expected the site's home")

    config = json.loads(resolve(cfn["Outputs"]["SiteConfigJson"]["Value"]))
    auth = config["auth"]
    want = {"mode": "oidc", "issuer": f"https://cognito-idp.{REGION}.amazonaws.com/{ids['UserPool']}",
            "client_id": ids["UserPoolClient"], "scope": "openid phone profile",
            "iin_claim": "custom:iin", "name_claim": "name",
            "logout_url": f"https://{ids['UserPoolDomain']}.auth.{REGION}.amazoncognito.com/logout"}
    if auth != want:
        fail(f"SiteConfigJson: {auth}, expected {want}")
    return (f"user pool {pool['Id']}: phone number username, SMS verified, custom:iin (12, "
            f"immutable), pre sign-up trigger; client {app['ClientId']}: code flow, no secret; "
            "SiteConfigJson names both")


def crates(root: Path) -> set[str]:
    return {p.parent.name for p in (root / "functions").glob("*/Cargo.toml")}
