"""moto server with DynamoDB requests serialised.

moto's TransactWriteItems deep-copies the table while other request threads may be writing
to it ("dictionary changed size during iteration" → HTTP 500), and its conditional writes are
not atomic across threads. Real DynamoDB is linearizable per item; serialising every DynamoDB
request here gives the tests that guarantee (and no spurious 500s). SQS requests, long polls
included, still run concurrently.

Its TransactWriteItems also backs up every table it touches with a deep copy, once per item of
the transaction, to roll back on a cancellation: the cost grows with the table (a runner's demo
seed is ~1,000 items), and the server's memory grew by ~100 MB per API test until the whole run
slowed to a crawl. `cheap_rollback` backs up the touched items only, which is all a rollback needs.
"""

import argparse
import copy
import os
import threading

from werkzeug.serving import run_simple
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)


def cheap_rollback() -> None:
    """TransactWriteItems keeps a deep copy of each item it may write instead of the whole table.

    The transaction runs as moto wrote it, with tables made to "copy" as themselves, so its own
    rollback is a no-op; on any error the touched items are put back as they were. Safe because
    every DynamoDB request is serialised (see `main`): no other request sees the halfway state.
    """
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.models.table import Table

    original = DynamoDBBackend.transact_write_items

    def slot(table, key):
        """The (hash, range) of an item key, or None when the key is incomplete."""
        if table.hash_key_attr not in key:
            return None
        range_attr = table.range_key_attr
        if range_attr is not None and range_attr not in key:
            return None
        hash_value = DynamoType(key[table.hash_key_attr])
        return hash_value, DynamoType(key[range_attr]) if range_attr else None

    def current(table, hash_value, range_value):
        if range_value is None:
            return table.items.get(hash_value)
        return table.items.get(hash_value, {}).get(range_value)

    def put_back(table, hash_value, range_value, item):
        if range_value is None:
            if item is None:
                table.items.pop(hash_value, None)
            else:
                table.items[hash_value] = item
        elif item is None:
            table.items.get(hash_value, {}).pop(range_value, None)
        else:
            table.items[hash_value][range_value] = item

    def transact_write_items(self, transact_items):
        saved = []
        for entry in transact_items:
            _, op = next(iter(entry.items()))
            table = self.tables.get(op.get("TableName"))
            where = table and slot(table, op.get("Key") or op.get("Item") or {})
            if where:
                saved.append((table, *where, copy.deepcopy(current(table, *where))))
        Table.__deepcopy__ = lambda table, memo: table
        try:
            return original(self, transact_items)
        except Exception:
            for table, hash_value, range_value, item in reversed(saved):
                put_back(table, hash_value, range_value, item)
            raise
        finally:
            del Table.__deepcopy__

    DynamoDBBackend.transact_write_items = transact_write_items


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, required=True)
    args = parser.parse_args()
    os.environ.setdefault("MOTO_PORT", str(args.port))
    cheap_rollback()

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
