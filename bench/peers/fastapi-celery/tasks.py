"""The Celery worker: fetches a page with httpx, parses it with lxml, stores the preview with psycopg2
and announces it on Redis pub/sub. Run with the prefork pool; each process keeps its own HTTP
client, database connection and Redis client, created after the fork."""
import json
import sys

import httpx
import psycopg2
import redis
from lxml.etree import ParserError
from celery import Celery
from celery.signals import worker_process_init, worker_ready

from extract import extract
from settings import DONE_CHANNEL, FAILED_TTL, READY_TTL, REDIS_URL, DATABASE_URL

app = Celery("peer", broker=REDIS_URL)
app.conf.update(task_ignore_result=True, worker_hijack_root_logger=False, broker_connection_retry_on_startup=True)

MAX_BYTES = 5 * 1024 * 1024
READY = f"""UPDATE previews SET status = 'ready', data = %s, error_code = NULL, error_message = NULL,
  fetched_at = now(), expires_at = now() + interval '{READY_TTL}', updated_at = now() WHERE id = %s"""
FAILED = f"""UPDATE previews SET status = 'failed', data = NULL, error_code = %s, error_message = %s,
  fetched_at = now(), expires_at = now() + interval '{FAILED_TTL}', updated_at = now() WHERE id = %s"""

state = {}


@worker_process_init.connect
def open_clients(**_):
    state["http"] = httpx.Client(timeout=10, follow_redirects=True, limits=httpx.Limits(max_connections=8, max_keepalive_connections=8))
    state["db"] = psycopg2.connect(DATABASE_URL)
    state["redis"] = redis.Redis.from_url(REDIS_URL)


@worker_ready.connect
def announce(**_):
    # The bench waits for this line before it measures anything.
    print("peer worker ready", file=sys.__stdout__, flush=True)


def fetch(url: str) -> tuple[bytes, str, str | None]:
    with state["http"].stream("GET", url, headers={"accept": "text/html,application/xhtml+xml"}) as response:
        if response.status_code >= 400:
            raise UpstreamError(f"UPSTREAM_HTTP_{response.status_code}", f"the page answered {response.status_code}")
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > MAX_BYTES:
                raise UpstreamError("TOO_LARGE", "the page is larger than 5 MB")
        return bytes(body), str(response.url), response.headers.get("content-type")


class UpstreamError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@app.task(name="unfurl")
def unfurl(preview_id: str, url: str) -> None:
    try:
        body, final_url, content_type = fetch(url)
        statement, values = READY, (json.dumps(extract(body, final_url, content_type)), preview_id)
    except UpstreamError as error:
        statement, values = FAILED, (error.code, str(error), preview_id)
    except ParserError:
        statement, values = FAILED, ("UNSUPPORTED_CONTENT", "the page could not be parsed", preview_id)
    except httpx.TimeoutException:
        statement, values = FAILED, ("UPSTREAM_TIMEOUT", "the page did not answer in time", preview_id)
    except httpx.HTTPError:
        statement, values = FAILED, ("UPSTREAM_UNREACHABLE", "the page could not be fetched", preview_id)
    db = state["db"]
    with db.cursor() as cursor:
        cursor.execute(statement, values)
    db.commit()
    state["redis"].publish(DONE_CHANNEL, preview_id)
