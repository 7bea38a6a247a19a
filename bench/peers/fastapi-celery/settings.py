"""Settings of the peer, from the environment the bench gives it."""
import os

DATABASE_URL = os.environ["PEER_DATABASE_URL"]
REDIS_URL = os.environ["PEER_REDIS_URL"]
# Redis pub/sub channels are shared by every database of a server: the name keeps it apart.
DONE_CHANNEL = "peer:previews:done"
READY_TTL = "1 day"
FAILED_TTL = "5 minutes"
