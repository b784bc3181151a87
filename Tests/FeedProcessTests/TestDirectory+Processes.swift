import Foundation
import TestSupport

extension TestDirectory {
    /// Whether the process whose pid the command wrote to `name` is gone (or a zombie until whoever adopted it
    /// reaps it), waiting up to two seconds for the kernel to finish killing it.
    func processIsGone(pidFile name: String) throws -> Bool {
        let pid = try String(contentsOfFile: path(name), encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        for _ in 0..<100 {
            let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?
                .split(separator: ")").last?.split(separator: " ").first
            if state == nil || state == "Z" {
                return true
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }
}
