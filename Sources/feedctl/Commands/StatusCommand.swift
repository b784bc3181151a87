internal import ArgumentParser
import FeedModel
import FeedStore
import Foundation

/// `feedctl status`: is feedd running, how are the feeds, how big is the store.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show whether feedd runs, the last cycle, feed health and the store's size."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print a JSON object.")
    var json = false

    @Flag(help: "Also check the store file's integrity (reads all of it); exit 1 when it is damaged.")
    var check = false

    func run() throws {
        let (configuration, store) = try global.openExistingStore()
        let counts = try store.counts()
        let daemon = try store.daemonRecord()
        let running = daemon.flatMap { DaemonContact.runningPID($0) }
        let size = store.fileSize
        let problems = check ? try store.integrityCheck().filter { $0 != "ok" } : []
        // Each configured sink's delivery; a sink the daemon has not served yet has no record.
        let records = try store.sinkDeliveries()
        let sinks = configuration.sinks.map { sink in (sink.name, records.first { $0.name == sink.name }) }
        if json {
            JSONWriter.printValue { writer in
                writer.beginObject()
                writer.key("running")
                writer.bool(running != nil)
                writer.field("pid", running.map(Int.init))
                writer.field("started", date: running == nil ? nil : daemon?.startedAt)
                writer.field("last_cycle", date: daemon?.lastCycleAt)
                writer.field("last_cycle_seconds", daemon?.lastCycleSeconds.map { Int(($0 * 1000).rounded()) / 1000 })
                writer.field("config", configuration.sourcePath)
                writer.field("store", store.path)
                writer.field("store_bytes", Int(size))
                writer.field("feeds", counts.feeds)
                writer.field("ok", counts.ok)
                writer.field("failing", counts.failing)
                writer.field("gone", counts.gone)
                writer.field("new", counts.new)
                writer.field("articles", counts.articles)
                writer.field("unread", counts.unread)
                if check {
                    writer.field("integrity", strings: problems.isEmpty ? ["ok"] : problems)
                }
                writer.key("sinks")
                writer.beginArray()
                for (name, record) in sinks {
                    writer.beginObject()
                    writer.field("name", name)
                    writer.field("last_delivery", date: record?.lastDeliveryAt)
                    writer.field("last_error", record?.lastError)
                    writer.field("last_error_at", date: record?.lastErrorAt)
                    writer.field("failed_attempts", record?.attempts ?? 0)
                    writer.field("next_attempt", date: record?.nextAttemptAt)
                    writer.endObject()
                }
                writer.endArray()
                writer.endObject()
            }
            if !problems.isEmpty { throw ExitCode(1) }
            return
        }
        let terminal = Terminal.standardOutput
        let now = Date()
        var lines: [(String, String)] = []
        if let running, let daemon {
            lines.append(
                (
                    "feedd",
                    terminal.paint("running", .green)
                        + " (pid \(running), started \(TimeText.relative(daemon.startedAt, now: now)))"
                ))
        } else {
            lines.append(("feedd", terminal.paint("not running", .yellow)))
        }
        if let last = daemon?.lastCycleAt {
            let took = daemon?.lastCycleSeconds.map { String(format: ", took %.1f s", $0) } ?? ""
            lines.append(("Last cycle", TimeText.relative(last, now: now) + took))
        } else {
            lines.append(("Last cycle", "never"))
        }
        var health = "\(counts.feeds) (\(counts.ok) ok"
        if counts.failing > 0 { health += ", " + terminal.paint("\(counts.failing) failing", .red) }
        if counts.gone > 0 { health += ", " + terminal.paint("\(counts.gone) gone", .yellow) }
        if counts.new > 0 { health += ", \(counts.new) not fetched yet" }
        lines.append(("Feeds", health + ")"))
        lines.append(("Articles", "\(counts.articles) (\(counts.unread) unread)"))
        lines.append(("Store", "\(store.path) (\(ByteCountText.format(size)))"))
        lines.append(("Config", configuration.sourcePath ?? "none (defaults)"))
        for (name, record) in sinks {
            var text =
                record?.lastDeliveryAt.map { "delivered " + TimeText.relative($0, now: now) } ?? "nothing delivered yet"
            if let record, let error = record.lastError, let at = record.lastErrorAt,
                record.lastDeliveryAt.map({ at > $0 }) ?? true
            {
                text += "; " + terminal.paint("last error \(TimeText.relative(at, now: now)): \(error)", .red)
                if let next = record.nextAttemptAt { text += " (next try \(TimeText.relative(next, now: now)))" }
            }
            lines.append(("Notify " + name, text))
        }
        if check {
            lines.append(
                (
                    "Integrity",
                    problems.isEmpty
                        ? terminal.paint("ok", .green) : terminal.paint(problems.joined(separator: "; "), .red)
                ))
        }
        for (label, value) in lines {
            print(
                terminal.paint(label.padding(toLength: max(12, label.count + 2), withPad: " ", startingAt: 0), .bold)
                    + value)
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }
}

/// "12.3 MB" for people.
enum ByteCountText {
    static func format(_ bytes: Int64) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f %@", value, units[unit])
    }
}
