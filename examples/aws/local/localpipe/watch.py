"""Pushing events in and watching them reach the sinks: used by `run` and the e2e tests."""
import threading
import time

from . import events as events_mod
from . import ledger

TABLE_SCAN_EVERY_S = 30  # while watching, the metadata table is scanned this seldom


class Run:
    """One batch of events through the pipeline and what became of it."""

    def __init__(self, pipe, by_entry):
        self.pipe = pipe
        self.by_entry = by_entry
        self.expected = {e["event_id"]: events_mod.line_of(e)
                         for evs in by_entry.values() for e in evs}
        self.entry_of = {e["event_id"]: entry for entry, evs in by_entry.items() for e in evs}
        self.reader = ledger.SinkReader(pipe.moto, pipe.t)
        self.lookups = ledger.lookups_by_user()
        self.injector = events_mod.Injector(pipe.moto, pipe.t, pipe.res, pipe.gateway)
        self.counts = None
        self.push_seconds = None
        self.seconds = None
        self.phase_done = {}  # sink name -> seconds after the start when it was complete
        self.started = None
        self._items = None
        self._scanned_at = 0.0

    def count(self, scan_table=True):
        """Reads the sinks and checks them. The table scan costs moto the whole table, so
        while watching it is done only now and then (`scan_table`)."""
        if scan_table or self._items is None:
            self._items = self.reader.event_items()
            self._scanned_at = time.monotonic()
        self.counts = ledger.check(self.expected, self.reader.lake(), self.reader.warehouse(),
                                   self._items, self.lookups)
        return self.counts

    def push_in_background(self, by_entry=None):
        """Starts pushing (all events, or `by_entry`); returns the Event set when done."""
        started = time.monotonic()
        done = threading.Event()

        def push():
            try:
                self.injector.push(self.by_entry if by_entry is None else by_entry)
            except Exception as e:  # reported with the run; the watch goes on
                self.injector.failures.append(f"push: {e!r}")
            self.push_seconds = time.monotonic() - started
            done.set()

        threading.Thread(target=push, name="push", daemon=True).start()
        return done

    def push_and_watch(self, timeout_s, say=print, interval_s=2.0):
        """Pushes every event in (in the background) and watches them arrive."""
        self.started = time.monotonic()
        say(f"in: {len(self.expected)} events  " +
            "  ".join(f"{k} {len(v)}" for k, v in self.by_entry.items()))
        return self.watch(timeout_s, self.push_in_background(), say, interval_s)

    def watch(self, timeout_s, pushed=None, say=print, interval_s=2.0):
        """Reads the sinks every `interval_s` until every event arrived everywhere (and the
        push, if given, finished) or `timeout_s` passed; then looks once more, so that late
        duplicates show. Returns the SinkCounts."""
        n = len(self.expected)
        if self.started is None:
            self.started = time.monotonic()
        deadline = time.monotonic() + timeout_s
        while True:
            time.sleep(interval_s)
            elapsed = time.monotonic() - self.started
            s3_done = self.counts is not None and all(
                c.arrived == n for c in self.counts if c.name != "dynamodb")
            counts = self.count(scan_table=s3_done or
                                time.monotonic() - self._scanned_at > TABLE_SCAN_EVERY_S)
            for c in counts:
                if c.arrived == n and c.name not in self.phase_done:
                    self.phase_done[c.name] = elapsed
            say(f"{elapsed:6.1f}s  " + self.progress_line(counts))
            complete = (pushed is None or pushed.is_set()) and all(c.arrived == n for c in counts)
            if complete or time.monotonic() > deadline:
                break
        time.sleep(min(interval_s, 2.0))
        self.count()
        self.seconds = (max(self.phase_done.values()) if len(self.phase_done) == 3
                        else time.monotonic() - self.started)
        return self.counts

    def progress_line(self, counts):
        """Records read from each stream and events found in each sink. The table is not
        scanned at every look: its column is the DynamoDB sink's delivered records."""
        raw_read = self.pipe.mapping("raw_s3_sink").stats.records_read
        processed_read = self.pipe.mapping("warehouse_s3_sink").stats.records_read
        put = self.pipe.mapping("dynamodb_sink").stats.records_delivered
        c = {x.name: x.arrived for x in counts}
        return (f"raw stream {raw_read:>6}  lake {c['lake']:>6}  processed stream "
                f"{processed_read:>6}  warehouse {c['warehouse']:>6}  dynamodb {put:>6}")

    def ok(self):
        return (self.counts is not None and all(c.ok for c in self.counts)
                and not self.injector.failures and not self.pipe.lost())

    def report(self, say=print):
        n = len(self.expected)
        say("")
        say(f"went in      {n} events: " +
            ", ".join(f"{k} {len(v)}" for k, v in self.by_entry.items()))
        say("where now    (unique events of this run found in each sink)")
        for c in self.counts:
            say("  " + c.line())
        for c in self.counts:
            if c.missing:
                by = {}
                for i in c.missing:
                    by.setdefault(self.entry_of.get(i, "?"), []).append(i)
                say(f"missing from {c.name}: " + "; ".join(
                    f"{e}: {len(ids)} (e.g. {', '.join(ids[:3])})" for e, ids in by.items()))
            if c.duplicated:
                say(f"duplicated in {c.name}: {len(c.duplicated)} (e.g. {c.duplicated[:3]})")
            if c.unexpected:
                say(f"not ours in {c.name}: {len(c.unexpected)} (e.g. {c.unexpected[:3]})")
            for i, why in c.bad[:5]:
                say(f"wrong in {c.name}: {i}: {why}")
        for where, rid, err in self.pipe.lost()[:10]:
            say(f"given up by {where}: {rid}: {err[:200]}")
        for f in self.injector.failures[:10]:
            say(f"push failed: {f}")
        if self.seconds:
            pushed = (f"pushed in {self.push_seconds:.1f} s; " if self.push_seconds else "")
            say(f"time         {pushed}every event in every sink after {self.seconds:.1f} s"
                f" = {n / self.seconds:.0f} events/s end to end")
            say("             complete: " + ", ".join(
                f"{k} {v:.1f} s" for k, v in sorted(self.phase_done.items(), key=lambda x: x[1])))
        cpu = self.pipe.cpu_seconds()
        if cpu:
            say("cpu          " + ", ".join(f"{k} {v:.1f} s" for k, v in cpu.items()) +
                " (since the start)")
        say("functions    invocations  errors  busy s   mean ms")
        for key, inv, err, sec, mean in self.pipe.time_report():
            say(f"  {key:<18} {inv:>8} {err:>7} {sec:>7.1f} {mean:>9.1f}")
        for m in self.pipe.mappings:
            s = m.stats
            say(f"mapping {m.name}: {s.records_read} read, {s.invocations} invocations, "
                f"{s.failed_invocations} failed, {s.bisects} bisects, {s.retries} retries, "
                f"{len(s.discarded)} discarded, GetRecords {s.get_records_s:.1f} s")
        say("result       " + ("OK: every event arrived once, unchanged in the lake, "
                               "enriched in the warehouse, one item in DynamoDB"
                               if self.ok() else "NOT OK (see above)"))
