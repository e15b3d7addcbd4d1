/// Filter expressions (RFC 9535 §2.3.5) and function calls (RFC 9535 §2.4), type-checked as they are parsed.
extension JSONPathParser {
    /// What can stand on either side of a comparison or alone as a test, before its role is
    /// known; `start` is kept for type errors.
    struct Operand {
        enum Kind {
            case literal(JSON)
            case query(PathQuery)
            case function(FunctionCall)
        }
        var kind: Kind
        var start: Int
    }

    /// `logical-or-expr = logical-and-expr *(S "||" S logical-and-expr)`.
    mutating func parseLogicalOr() throws(JSONPathError) -> LogicalExpression {
        var terms = [try parseLogicalAnd()]
        while true {
            let save = position
            skipBlanks()
            guard peek == UInt8(ascii: "|"), peek(at: 1) == UInt8(ascii: "|") else {
                position = save
                break
            }
            position += 2
            skipBlanks()
            terms.append(try parseLogicalAnd())
        }
        return terms.count == 1 ? terms[0] : .or(terms)
    }

    private mutating func parseLogicalAnd() throws(JSONPathError) -> LogicalExpression {
        var terms = [try parseBasic()]
        while true {
            let save = position
            skipBlanks()
            guard peek == UInt8(ascii: "&"), peek(at: 1) == UInt8(ascii: "&") else {
                position = save
                break
            }
            position += 2
            skipBlanks()
            terms.append(try parseBasic())
        }
        return terms.count == 1 ? terms[0] : .and(terms)
    }

    /// `basic-expr = paren-expr / comparison-expr / test-expr`; `!` applies only to a
    /// parenthesized expression or a test, never to a bare comparison.
    private mutating func parseBasic() throws(JSONPathError) -> LogicalExpression {
        if peek == UInt8(ascii: "!") {
            position += 1
            skipBlanks()
            if peek == UInt8(ascii: "(") { return .not(try parseParenthesized()) }
            guard let operand = try parseOperand() else {
                throw error("expected '(', a query or a function after '!', got \(describe(position))")
            }
            let test = try testExpression(operand)
            let save = position
            skipBlanks()
            if comparisonOperatorAhead() != nil {
                throw error("'!' cannot negate a comparison; write !(a == b) or a != b", at: operand.start - 1)
            }
            position = save
            return .not(test)
        }
        if peek == UInt8(ascii: "(") { return try parseParenthesized() }
        guard let left = try parseOperand() else {
            throw error("expected a filter expression (a query, a comparison, a function or '('), got \(describe(position))")
        }
        let save = position
        skipBlanks()
        guard let comparison = comparisonOperatorAhead() else {
            position = save
            return try testExpression(left)
        }
        position += comparison.rawValue.count
        skipBlanks()
        guard let right = try parseOperand() else {
            throw error("expected a value after '\(comparison.rawValue)', got \(describe(position))")
        }
        return .comparison(try comparable(left), comparison, try comparable(right))
    }

    private mutating func parseParenthesized() throws(JSONPathError) -> LogicalExpression {
        let open = position
        try enterNesting()
        defer { nesting -= 1 }
        position += 1
        skipBlanks()
        let inner = try parseLogicalOr()
        skipBlanks()
        guard peek == UInt8(ascii: ")") else {
            if peek == nil { throw error("unclosed '('", at: open) }
            throw error("expected ')', got \(describe(position))")
        }
        position += 1
        return inner
    }

    private func comparisonOperatorAhead() -> ComparisonOperator? {
        switch (peek, peek(at: 1)) {
        case (UInt8(ascii: "="), UInt8(ascii: "=")): .equal
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): .notEqual
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): .lessOrEqual
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): .greaterOrEqual
        case (UInt8(ascii: "<"), _): .less
        case (UInt8(ascii: ">"), _): .greater
        default: nil
        }
    }

    /// A literal, `@…` or `$…` query, or function call; `nil` when none starts here.
    mutating func parseOperand() throws(JSONPathError) -> Operand? {
        let start = position
        guard let byte = peek else { return nil }
        switch byte {
        case UInt8(ascii: "@"), UInt8(ascii: "$"):
            position += 1
            let segments = try parseSegments()
            return Operand(kind: .query(PathQuery(isRelative: byte == UInt8(ascii: "@"), segments: segments)), start: start)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return Operand(kind: .literal(.string(try parseStringLiteral())), start: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return Operand(kind: .literal(try parseNumberLiteral()), start: start)
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            while let next = peek,
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(next) || next == UInt8(ascii: "_") || Self.isDigit(next)
            {
                position += 1
            }
            let name = String(decoding: bytes[start..<position], as: UTF8.self)
            if peek == UInt8(ascii: "(") {
                return Operand(kind: .function(try parseFunctionCall(name, start: start)), start: start)
            }
            switch name {
            case "true": return Operand(kind: .literal(.bool(true)), start: start)
            case "false": return Operand(kind: .literal(.bool(false)), start: start)
            case "null": return Operand(kind: .literal(.null), start: start)
            default:
                if isBlank(peek) { throw error("unexpected white space between '\(name)' and '('") }
                throw error("unknown name '\(name)': expected true, false, null or a function call", at: start)
            }
        default:
            return nil
        }
    }

    /// A test expression: an existence test, or a function of LogicalType or NodesType.
    private func testExpression(_ operand: Operand) throws(JSONPathError) -> LogicalExpression {
        switch operand.kind {
        case .query(let query): return .exists(query)
        case .function(let call):
            guard call.function.resultType != .value else {
                throw error(
                    "\(call.function.rawValue)() gives a value, not true or false; compare it (for example \(call.function.rawValue)(…) == 1)",
                    at: operand.start)
            }
            return .function(call)
        case .literal:
            throw error("a literal alone is not a test; compare it with a query", at: operand.start)
        }
    }

    /// A comparable: a literal, a singular query, or a function of ValueType (RFC 9535 §2.3.5.1).
    private func comparable(_ operand: Operand) throws(JSONPathError) -> ValueExpression {
        switch operand.kind {
        case .literal(let value): return .literal(value)
        case .query(let query):
            guard query.isSingular else {
                throw error("only a singular query (names and indexes only) can be compared", at: operand.start)
            }
            return .query(query)
        case .function(let call):
            guard call.function.resultType == .value else {
                throw error("\(call.function.rawValue)() gives true or false, which cannot be compared", at: operand.start)
            }
            return .function(call)
        }
    }
}
