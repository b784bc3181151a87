/// Decides which waiting job may start next under an overall cap and a per-host cap.
///
/// Jobs start in submission order, except that a job whose host is at its cap is passed over (it keeps its place)
/// so that it does not hold back other hosts' jobs queued behind it. A plain value, confined by its owner.
struct AdmissionQueue<Job> {
    /// The jobs of one host still waiting, oldest first, each with its submission number.
    private struct HostQueue {
        var jobs: [(sequence: Int, job: Job)] = []
        var head = 0

        var isEmpty: Bool { head == jobs.count }
        var first: (sequence: Int, job: Job) { jobs[head] }

        mutating func removeFirst() -> Job {
            let job = jobs[head].job
            head += 1
            // Drop the consumed prefix once it dominates, so a long-lived busy host does not grow without bound.
            if head >= 64 && head * 2 >= jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            return job
        }
    }

    /// The most jobs running at once, over all hosts.
    let concurrency: Int
    /// The most jobs running at once for one host.
    let perHost: Int

    /// How many jobs are running (started and not yet finished).
    private(set) var runningCount = 0
    /// How many jobs are waiting.
    private(set) var waitingCount = 0

    private var runningPerHost: [String: Int] = [:]
    /// Only hosts with at least one waiting job.
    private var waiting: [String: HostQueue] = [:]
    private var nextSequence = 0

    /// Creates an empty queue; caps below 1 count as 1.
    init(concurrency: Int, perHost: Int) {
        self.concurrency = max(1, concurrency)
        self.perHost = max(1, perHost)
    }

    /// Adds a job at the end of the line.
    mutating func enqueue(_ job: Job, host: String) {
        waiting[host, default: HostQueue()].jobs.append((nextSequence, job))
        nextSequence += 1
        waitingCount += 1
    }

    /// Removes and returns the oldest job that may start now, counting it as running; nil when none may.
    mutating func next() -> (job: Job, host: String)? {
        guard runningCount < concurrency else {
            return nil
        }
        var chosen: (host: String, sequence: Int)?
        for (host, queue) in waiting where runningPerHost[host, default: 0] < perHost {
            if let current = chosen, current.sequence < queue.first.sequence {
                continue
            }
            chosen = (host, queue.first.sequence)
        }
        guard let host = chosen?.host, var queue = waiting.removeValue(forKey: host) else {
            return nil
        }
        let job = queue.removeFirst()
        if !queue.isEmpty {
            waiting[host] = queue
        }
        waitingCount -= 1
        runningCount += 1
        runningPerHost[host, default: 0] += 1
        return (job, host)
    }

    /// Records that a job returned by `next()` for `host` has finished, freeing its slots.
    mutating func finished(host: String) {
        guard let running = runningPerHost[host], running > 0 else {
            return
        }
        runningPerHost[host] = running == 1 ? nil : running - 1
        runningCount -= 1
    }

    /// Removes every waiting job, oldest first; running jobs stay counted until `finished(host:)`.
    mutating func removeAllWaiting() -> [Job] {
        var all: [(sequence: Int, job: Job)] = []
        for queue in waiting.values {
            all.append(contentsOf: queue.jobs[queue.head...])
        }
        waiting.removeAll()
        waitingCount = 0
        return all.sorted { $0.sequence < $1.sequence }.map(\.job)
    }
}
