"""moto server with DynamoDB requests serialised.

moto's TransactWriteItems deep-copies the table while other request threads may be writing
to it ("dictionary changed size during iteration" → HTTP 500), and its conditional writes are
not atomic across threads. Real DynamoDB is linearizable per item; serialising every DynamoDB
request here gives the tests that guarantee (and no spurious 500s). SQS requests, long polls
included, still run concurrently.
"""

import argparse
import os
import threading

from werkzeug.serving import run_simple
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, required=True)
    args = parser.parse_args()
    os.environ.setdefault("MOTO_PORT", str(args.port))

    app = DomainDispatcherApplication(create_backend_app)
    lock = threading.Lock()

    def serialised(environ, start_response):
        if environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB"):
            with lock:
                # Consume the response inside the lock: the work may be lazy.
                return list(app(environ, start_response))
        return app(environ, start_response)

    run_simple(
        args.host,
        args.port,
        serialised,
        threaded=True,
        request_handler=MotoRequestHandler,
    )


if __name__ == "__main__":
    main()
