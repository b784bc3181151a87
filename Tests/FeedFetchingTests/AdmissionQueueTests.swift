import Testing

@testable import FeedFetching

/// The waiting line's order and caps, without any network.
@Suite struct AdmissionQueueTests {
    /// Starts everything the caps allow and returns the jobs started, in order.
    func drain(_ queue: inout AdmissionQueue<String>) -> [String] {
        var started: [String] = []
        while let (job, _) = queue.next() {
            started.append(job)
        }
        return started
    }

    @Test func startsInSubmissionOrderUpToTheOverallCap() {
        var queue = AdmissionQueue<String>(concurrency: 3, perHost: 10)
        for index in 0..<5 {
            queue.enqueue("job\(index)", host: "host\(index)")
        }

        #expect(drain(&queue) == ["job0", "job1", "job2"])
        #expect(queue.runningCount == 3)
        #expect(queue.waitingCount == 2)

        queue.finished(host: "host1")
        #expect(drain(&queue) == ["job3"])
        queue.finished(host: "host0")
        queue.finished(host: "host2")
        #expect(drain(&queue) == ["job4"])
        #expect(queue.waitingCount == 0)
    }

    @Test func hostAtItsCapDoesNotBlockOtherHostsBehindIt() {
        var queue = AdmissionQueue<String>(concurrency: 4, perHost: 2)
        for index in 0..<5 {
            queue.enqueue("a\(index)", host: "a.example")
        }
        queue.enqueue("b0", host: "b.example")
        queue.enqueue("a5", host: "a.example")
        queue.enqueue("c0", host: "c.example")

        #expect(drain(&queue) == ["a0", "a1", "b0", "c0"])

        // A freed slot of host a goes to a's oldest waiting job; a freed slot of b has nobody of b waiting, and
        // a is still at its cap, so it stays free.
        queue.finished(host: "a.example")
        #expect(drain(&queue) == ["a2"])
        queue.finished(host: "b.example")
        #expect(drain(&queue).isEmpty)
        #expect(queue.runningCount == 3)
    }

    @Test func freedSlotGoesToTheOldestEligibleRequest() {
        var queue = AdmissionQueue<String>(concurrency: 2, perHost: 1)
        queue.enqueue("a0", host: "a")
        queue.enqueue("a1", host: "a")
        queue.enqueue("b0", host: "b")
        queue.enqueue("c0", host: "c")
        queue.enqueue("b1", host: "b")

        #expect(drain(&queue) == ["a0", "b0"])
        queue.finished(host: "a")
        #expect(drain(&queue) == ["a1"])
        queue.finished(host: "b")
        #expect(drain(&queue) == ["c0"])
        queue.finished(host: "c")
        #expect(drain(&queue) == ["b1"])
    }

    @Test func removeAllWaitingReturnsSubmissionOrderAndKeepsRunningCounted() {
        var queue = AdmissionQueue<String>(concurrency: 1, perHost: 1)
        queue.enqueue("a0", host: "a")
        queue.enqueue("b0", host: "b")
        queue.enqueue("a1", host: "a")
        queue.enqueue("c0", host: "c")
        #expect(drain(&queue) == ["a0"])

        #expect(queue.removeAllWaiting() == ["b0", "a1", "c0"])
        #expect(queue.waitingCount == 0)
        #expect(queue.runningCount == 1)
        queue.finished(host: "a")
        #expect(queue.runningCount == 0)
        #expect(queue.next() == nil)
    }

    @Test func longQueueForOneHostStaysInOrder() {
        var queue = AdmissionQueue<Int>(concurrency: 2, perHost: 2)
        for index in 0..<1000 {
            queue.enqueue(index, host: "h")
        }
        var started: [Int] = []
        while started.count < 1000 {
            while let (job, _) = queue.next() {
                started.append(job)
            }
            queue.finished(host: "h")
        }
        #expect(started == Array(0..<1000))
    }

    @Test func capsBelowOneCountAsOne() {
        var queue = AdmissionQueue<String>(concurrency: 0, perHost: -3)
        queue.enqueue("x", host: "h")
        queue.enqueue("y", host: "g")
        #expect(drain(&queue) == ["x"])
    }

    @Test(arguments: [
        ("http://Example.ORG:8080/feed", "example.org"),
        ("https://example.org/feed", "example.org"),
        ("http://[::1]:80/", "[::1]"),
        ("file:///tmp/feed.xml", ""),
        ("not a url", ""),
    ])
    func hostKeyIgnoresCaseAndPort(url: String, key: String) {
        #expect(CurlMultiDriver.hostKey(of: url) == key)
    }
}
