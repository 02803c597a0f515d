// Best-effort replay detection inside one warm Lambda instance: remembers each token (device id +
// nonce) until it expires, with the connection it was first presented on. AWS IoT re-invokes the
// authorizer with the same credentials when it refreshes a connection's policy (same connection
// id), so only a different connection counts as a replay. Other instances of the function keep
// their own memory: short token lifetimes remain the real bound on replays.

/** Remembers tokens until their expiry; bounded (the oldest entries go first when full). */
export class ReplayCache {
  /** @param {number} maxEntries at most this many tokens are remembered (default 10000) */
  constructor(maxEntries = 10000) {
    this.maxEntries = maxEntries;
    this.entries = new Map();
  }

  /**
   * Records that a token was presented on a connection; true when it was presented on another
   * connection before and has not expired since (a replay).
   * @param {string} key kind, device id and nonce of the token
   * @param {string} connectionId connectionMetadata.id of the event
   * @param {number} forgetAt Unix seconds after which the token is forgotten (its expiry plus the skew)
   * @param {number} now Unix seconds
   */
  isReplay(key, connectionId, forgetAt, now) {
    const seen = this.entries.get(key);
    if (seen !== undefined && seen.forgetAt > now) {
      return seen.connectionId !== connectionId;
    }

    if (this.entries.size >= this.maxEntries) {
      this.evict(now);
    }

    this.entries.set(key, { connectionId, forgetAt });
    return false;
  }

  /** Drops expired entries, then the oldest ones while still full. */
  evict(now) {
    for (const [key, entry] of this.entries) {
      if (entry.forgetAt <= now) {
        this.entries.delete(key);
      }
    }

    for (const key of this.entries.keys()) {
      if (this.entries.size < this.maxEntries) {
        break;
      }

      this.entries.delete(key);
    }
  }
}
