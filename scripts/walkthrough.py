#!/usr/bin/env python3
"""The 1st-grade flow end to end through the HTTP API of a running dev runner (`make run`):
a parent applies, an executor is hired and accepts in queue order, the director signs with the
school's ЭЦП (a .p12 of the dev CA, used through openssl) and the stored signature is checked
with openssl. Prints each step.

    python3 scripts/walkthrough.py [http://127.0.0.1:8080]

Needs only python3 and openssl. Uses the demo seed (school No. 72, director 850315400015) and a
demo family of the local population register (infra/seed/population.json).
"""
import base64, json, subprocess, sys, tempfile, urllib.request, urllib.error, os

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"


def call(method, path, token=None, body=None, lang=None, raw=None, headers=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(path if path.startswith("http") else BASE + path, data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if lang:
        req.add_header("Accept-Language", lang)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req) as r:
            text = r.read().decode()
            return r.status, json.loads(text) if text.strip().startswith(("{", "[")) else text
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read().decode())


def iin(yymmdd, century, serial):
    for s in range(serial, serial + 100):
        d = [int(c) for c in f"{yymmdd}{century}{s:04d}"]
        c = sum(d[i] * (i + 1) for i in range(11)) % 11
        if c == 10:
            c = sum(d[i] * w for i, w in enumerate([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])) % 11
            if c == 10:
                continue
        return "".join(map(str, d)) + str(c)


def login(who, name):
    return call("POST", "/api/dev/login", body={"iin": who, "name": name})[1]["token"]


def step(title, status, body, expect=None):
    print(f"\n## {title}: {status}")
    print(json.dumps(body, ensure_ascii=False)[:600])
    if expect is not None and status != expect:
        sys.exit(f"walkthrough: {title}: expected {expect}, got {status}")


director = login("850315400015", "Ахметова Гульнар")
org = call("GET", "/api/me", director)[1]["memberships"][0]["org_id"]
step("the director's school", *call("GET", f"/api/orgs/{org}"))

# The region's education department sets the year's 1st-grade campaign so that it covers today
# (by default it runs 1 June – 30 August; outside it a submission is 422 campaign_closed).
edu = login("820411400100", "Серікова Дана")
step("the department sets the 1st-grade campaign",
     *call("PUT", "/api/campaigns/grade1/2026-2027", edu, {"opens": "2025-09-01", "closes": "2027-08-30"}), 200)

# A parent applies; the population register has the child registered on «Улица Е 117», the
# school's microdistrict, and the parent as its mother.
parent_iin = iin("910304", 4, 7)
parent = login(parent_iin, "Сейтова Айгерим")
child = iin("190510", 5, 3)
step("the child's registration (population register)",
     *call("GET", f"/api/children/{child}/registration?org={org}", parent), 200)
step("address search «е 117»", *call("GET", "/api/addresses?locality_id=astana&q=%D0%B5%20117"))
step("schools for house 37", *call("GET", "/api/schools?locality_id=astana&language=ru&address_id=astana-e117-37"))


def upload_documents(token):
    docs = []
    for kind in ["photo", "vaccination_card", "health_passport"]:
        content = f"%PDF-1.4 {kind}".encode()
        s, f = call("POST", "/api/files", token, {"kind": kind, "content_type": "application/pdf", "size": len(content)})
        up = f["upload"]
        call(up["method"], up["url"], raw=content, headers=up["headers"])
        docs.append({"kind": kind, "file_id": f["file_id"]})
    return docs


application = {
    "service": "grade1", "org_id": org, "academic_year": "2026-2027", "language": "ru",
    "child": {"iin": child, "last_name": "Сейтов", "first_name": "Арман", "birth_date": "2019-05-10", "sex": "male"},
    "applicant": {"phone": "+7 701 234 56 78", "email": "aigerim@example.kz", "relation": "mother"},
    "transport_requested": False, "special_needs": False,
}
# Someone who is not the child's legal representative is refused (and blocks nothing).
stranger = login(iin("900101", 3, 11), "Бөгде Адам")
step("a stranger applies for the child (kk)",
     *call("POST", "/api/applications", stranger, {**application, "documents": upload_documents(stranger)}, lang="kk"), 403)
application["documents"] = upload_documents(parent)
s, app = call("POST", "/api/applications", parent, application)
step("the parent submits", s, app, 201)
assert app["admission_type"] == "microdistrict", app
step("the same child again (kk)", *call("POST", "/api/applications", parent, application, lang="kk"), 409)

# The director hires an executor, who consents and decides.
executor_iin = iin("880808", 4, 5)
s, invite = call("POST", f"/api/orgs/{org}/staff", director, {"iin": executor_iin, "position": "Секретарь", "roles": ["executor"]})
step("the director invites an executor", s, invite, 202)
executor = login(executor_iin, "Нурланова Дана")
step("the executor consents", *call("POST", f"/api/me/consents/{invite['consent_id']}", executor, {"accept": True}))
s, journal = call("GET", f"/api/orgs/{org}/applications?status=in_review", executor)
step("the journal (in review)", s, [(a["number"], a["admission_type"]) for a in journal["items"]])
for a in journal["items"]:
    if a["id"] == app["id"]:
        break
    # earlier applications of the same queue come first (strict order)
    call("POST", f"/api/orgs/{org}/applications/{a['id']}/decision", executor, {"decision": "reject", "reason": "non_compliance"})
s, decided = call("POST", f"/api/orgs/{org}/applications/{app['id']}/decision", executor, {"decision": "accept"})
step("the executor accepts", s, {k: decided.get(k) for k in ("status", "decision")}, 200)

# The director signs with the school's ЭЦП: a legal entity's certificate of the dev CA in a .p12
# file with its password (POST /api/dev/certificates), opened and used with openssl.
with tempfile.TemporaryDirectory() as d:
    path = lambda name: os.path.join(d, name)
    openssl = lambda *args, **kw: subprocess.run(["openssl", *args], capture_output=True, check=True, **kw).stdout
    bin_ = call("GET", f"/api/orgs/{org}")[1]["bin"]
    s, cert = call("POST", "/api/dev/certificates", body={"iin": "850315400015", "name": "Ахметова Гульнар", "bin": bin_})
    step("the director's .p12 (dev CA)", s, {"password": cert.get("password"), "certificate": cert.get("certificate", "")[:80]}, 200)
    with open(path("director.p12"), "wb") as f:
        f.write(base64.b64decode(cert["p12"]))
    p12 = ["-in", path("director.p12"), "-passin", "pass:" + cert["password"], "-nodes"]
    openssl("pkcs12", *p12, "-nocerts", "-out", path("key.pem"))
    certs = openssl("pkcs12", *p12, "-nokeys").decode()
    chain = ["-----BEGIN CERTIFICATE-----" + b.split("-----END CERTIFICATE-----")[0] + "-----END CERTIFICATE-----\n"
             for b in certs.split("-----BEGIN CERTIFICATE-----")[1:]]
    s, payload = call("GET", f"/api/orgs/{org}/applications/{app['id']}/signing-payload", director)
    step("the payload", s, payload)
    sig = openssl("dgst", "-sha256", "-sign", path("key.pem"), input=payload["payload"].encode())
    body = {"signature": base64.b64encode(sig).decode(), "certificates": chain}
    step("the director signs", *call("POST", f"/api/orgs/{org}/applications/{app['id']}/sign", director, body), 200)

    # Anyone holding the application checks the stored signature offline (README).
    s, record = call("GET", f"/api/applications/{app['id']}/signature", parent)
    step("the stored signature", s, {k: record.get(k) for k in ("algorithm", "signer_iin", "signer_name", "bin", "certificate_serial")}, 200)
    with open(path("leaf.pem"), "w") as f:
        f.write(record["certificates"][0])
    with open(path("pub.pem"), "wb") as f:
        f.write(openssl("x509", "-pubkey", "-noout", "-in", path("leaf.pem")))
    with open(path("sig.der"), "wb") as f:
        f.write(base64.b64decode(record["signature"]))
    with open(path("payload.txt"), "w") as f:
        f.write(record["payload"])
    verdict = openssl("dgst", "-sha256", "-verify", path("pub.pem"), "-signature", path("sig.der"), path("payload.txt")).decode().strip()
    step("openssl dgst -verify", 200, verdict)
    if verdict != "Verified OK":
        sys.exit(f"walkthrough: openssl says {verdict!r}")

s, final = call("GET", f"/api/applications/{app['id']}", parent)
step("the parent sees", s, {k: final.get(k) for k in ("number", "status", "admission_type")})
s, hist = call("GET", f"/api/applications/{app['id']}/history", parent)
step("history", s, [(e["action"], e["role"]) for e in hist["items"]])
step("limits now", *call("GET", f"/api/orgs/{org}/limits?academic_year=2026-2027", director))
if final.get("status") != "accepted":
    sys.exit(f"walkthrough: the parent sees {final.get('status')}, not accepted")
print("\nwalkthrough: the application was accepted and signed")
