extension PhrasePattern {
    /// The words of the first match in `clause`, or nil.
    func firstMatch(in clause: [String], classes: WordClasses) -> ArraySlice<String>? {
        for start in clause.indices {
            if let end = match(step: 0, at: start, in: clause, classes: classes) { return clause[start..<end] }
        }
        return nil
    }

    /// The end of a match of steps from `step` on, starting at word `i`.
    private func match(step: Int, at i: Int, in clause: [String], classes: WordClasses) -> Int? {
        guard step < steps.count else { return i }
        switch steps[step] {
        case .end:
            return classes.onlyPolite(clause[i...]) ? i : nil
        case .word(let atoms, let optional):
            if i < clause.count, atoms.contains(where: { classes.matches($0, clause[i]) }),
               let end = match(step: step + 1, at: i + 1, in: clause, classes: classes) {
                return end
            }
            return optional ? match(step: step + 1, at: i, in: clause, classes: classes) : nil
        case .fillers(let n), .any(let n):
            var j = i
            while true {
                if let end = match(step: step + 1, at: j, in: clause, classes: classes) { return end }
                guard j - i < n, j < clause.count else { return nil }
                if case .fillers = steps[step], !classes.contains("filler", clause[j]) { return nil }
                j += 1
            }
        }
    }
}
