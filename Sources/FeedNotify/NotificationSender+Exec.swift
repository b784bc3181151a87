import FeedProcess

/// The exec sink: a command given the JSON on its standard input.
extension NotificationSender {
    /// Runs the command with the message's JSON on its standard input; exit status 0 is success.
    func deliverToCommand(_ message: NotificationMessage, sink: String, command: [String]) throws(NotificationError) {
        func failure(_ target: String?, _ reason: NotificationError.Reason) -> NotificationError {
            NotificationError(sinkName: sink, sinkKind: "exec", target: target, reason: reason)
        }
        guard let executable = command.first, !executable.isEmpty else {
            throw failure(nil, .invalidSink("empty command"))
        }
        // A C string would end at the NUL, silently running something other than what was configured.
        guard !command.contains(where: { $0.utf8.contains(0) }) else {
            throw failure(executable, .invalidSink("NUL byte in the command"))
        }
        let result: (ending: ChildProcess.Ending, stdout: [UInt8], stderr: [UInt8])
        do {
            result = try ChildProcess.run(command, input: message.json, timeout: timeout, maxStderr: maxOutput)
        } catch {
            switch error {
            case .spawn(_, let reason):
                throw failure(nil, .spawn(path: executable, message: reason))
            case .system(let reason):
                throw failure(executable, .system(reason))
            }
        }
        switch result.ending {
        case .exited(0):
            return
        case .exited(let status):
            throw failure(executable, .exitStatus(status, stderr: OneLineText.firstLine(of: result.stderr)))
        case .signaled(let signal):
            throw failure(executable, .signal(signal, stderr: OneLineText.firstLine(of: result.stderr)))
        case .timedOut:
            throw failure(executable, .timedOut(timeout))
        case .outputTooLarge:
            preconditionFailure("the exec sink's standard output goes to /dev/null, which has no cap")
        }
    }
}
