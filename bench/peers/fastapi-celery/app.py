"""The API: an async FastAPI endpoint on asyncpg, the way the seed recommends. A new (or expired)
URL gets one pending row (INSERT ... ON CONFLICT, see CLAIM) and, only from the request that claimed
it, one Celery job; `wait` waits for the job's announcement on Redis pub/sub (one subscriber per
process)."""
import asyncio
import contextlib
import datetime
import json

import asyncpg
import redis.asyncio
from fastapi import FastAPI, Query
from fastapi.responses import JSONResponse

from settings import DATABASE_URL, DONE_CHANNEL, REDIS_URL
from tasks import unfurl
from urls import normalise, preview_id

SELECT = "SELECT id, url, status, data, error_code, error_message, fetched_at, expires_at FROM previews WHERE id = $1"
# A missing row is inserted; an expired ready or failed one goes back to pending. Either way the
# row comes back only to the one request that changed it, which then queues the job.
CLAIM = """INSERT INTO previews (id, url, status) VALUES ($1, $2, 'pending')
  ON CONFLICT (id) DO UPDATE SET status = 'pending', updated_at = now()
  WHERE previews.status <> 'pending' AND previews.expires_at <= now()
  RETURNING id, url, status, data, error_code, error_message, fetched_at, expires_at"""

app = FastAPI()
state: dict = {"waiters": {}}


async def listen(pubsub) -> None:
    async for message in pubsub.listen():
        if message["type"] != "message":
            continue
        for future in state["waiters"].pop(message["data"].decode(), []):
            if not future.done():
                future.set_result(None)


@app.on_event("startup")
async def start() -> None:
    state["pool"] = await asyncpg.create_pool(DATABASE_URL, min_size=2, max_size=10, init=json_codec)
    state["redis"] = redis.asyncio.Redis.from_url(REDIS_URL)
    pubsub = state["redis"].pubsub()
    await pubsub.subscribe(DONE_CHANNEL)
    state["listener"] = asyncio.create_task(listen(pubsub))


@app.on_event("shutdown")
async def stop() -> None:
    state["listener"].cancel()
    await state["pool"].close()
    await state["redis"].close()


async def json_codec(connection) -> None:
    await connection.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


def iso(value: datetime.datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def body(row) -> dict:
    return {
        "id": row["id"],
        "url": row["url"],
        "status": row["status"],
        "data": row["data"],
        "error": {"code": row["error_code"], "message": row["error_message"]} if row["error_code"] else None,
        "fetchedAt": iso(row["fetched_at"]),
        "expiresAt": iso(row["expires_at"]),
    }


def answer(row) -> JSONResponse:
    return JSONResponse(body(row), status_code=202 if row["status"] == "pending" else 200)


def problem(status: int, title: str, detail: str) -> JSONResponse:
    return JSONResponse({"type": "about:blank", "title": title, "status": status, "detail": detail}, status_code=status, media_type="application/problem+json")


async def read(preview: str):
    async with state["pool"].acquire() as connection:
        return await connection.fetchrow(SELECT, preview)


async def wait_for(preview: str, seconds: float):
    """Subscribes before reading again, so an announcement between the two is not missed."""
    future = asyncio.get_running_loop().create_future()
    state["waiters"].setdefault(preview, []).append(future)
    try:
        row = await read(preview)
        if row["status"] != "pending":
            return row
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(future, seconds)
        return await read(preview)
    finally:
        waiters = state["waiters"].get(preview)
        if waiters and future in waiters:
            waiters.remove(future)
            if not waiters:
                del state["waiters"][preview]


@app.get("/v1/previews")
async def get_preview(url: str = Query(...), wait: int = Query(0, ge=0, le=30_000)):
    try:
        normalised = normalise(url)
    except ValueError as error:
        return problem(400, "Invalid URL", str(error))
    preview = preview_id(normalised)
    row = await read(preview)
    current = row is not None and (row["status"] == "pending" or row["expires_at"] > datetime.datetime.now(datetime.timezone.utc))
    if not current:
        async with state["pool"].acquire() as connection:
            claimed = await connection.fetchrow(CLAIM, preview, normalised)
        if claimed:
            # Celery's publish is a synchronous LPUSH to the local Redis, as in the seed's examples.
            unfurl.delay(preview, normalised)
        row = claimed or await read(preview)
    if row["status"] == "pending" and wait > 0:
        row = await wait_for(preview, wait / 1000)
    return answer(row)


@app.get("/health/live")
async def live():
    return {"status": "ok"}
