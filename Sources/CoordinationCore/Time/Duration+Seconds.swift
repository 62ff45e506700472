extension Duration {
    /// The duration in seconds as people write it: `15`, `0.25`.
    public var secondsText: String {
        let (seconds, attoseconds) = components
        guard attoseconds != 0 else { return String(seconds) }
        var text = String(Double(seconds) + Double(attoseconds) / 1e18)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
