/// Function calls (RFC 9535 §2.4): the name, the arguments, and the well-typedness rules of RFC 9535 §2.4.3.
extension JSONPathParser {
    /// `function-name "(" S [function-argument *(S "," S function-argument)] S ")"`.
    mutating func parseFunctionCall(_ name: String, start: Int) throws(JSONPathError) -> FunctionCall {
        guard let function = PathFunction(rawValue: name) else {
            let known = PathFunction.allCases.map { $0.rawValue + "()" }.joined(separator: ", ")
            throw error("unknown function '\(name)'; the functions are \(known)", at: start)
        }
        try enterNesting()
        defer { nesting -= 1 }
        position += 1  // '('
        skipBlanks()
        var arguments: [FunctionArgument] = []
        if peek == UInt8(ascii: ")") {
            position += 1
        } else {
            while true {
                let parameterIndex = arguments.count
                guard parameterIndex < function.parameters.count else {
                    throw error("\(name)() takes \(function.parameters.count) argument\(function.parameters.count == 1 ? "" : "s")")
                }
                arguments.append(try parseArgument(for: function.parameters[parameterIndex], of: function))
                skipBlanks()
                if peek == UInt8(ascii: ",") {
                    position += 1
                    skipBlanks()
                    continue
                }
                guard peek == UInt8(ascii: ")") else {
                    throw error("expected ',' or ')' in the arguments of \(name)(), got \(describe(position))")
                }
                position += 1
                break
            }
        }
        guard arguments.count == function.parameters.count else {
            throw error(
                "\(name)() takes \(function.parameters.count) argument\(function.parameters.count == 1 ? "" : "s"), got \(arguments.count)", at: start
            )
        }
        var call = FunctionCall(function: function, arguments: arguments, pattern: .dynamic)
        if function == .match || function == .search, case .value(.literal(let pattern)) = arguments[1] {
            if case .string(let text) = pattern, let compiled = CompiledIRegexp(text) {
                call.pattern = .compiled(compiled)
            } else {
                call.pattern = .invalid
            }
        }
        return call
    }

    /// One argument, checked against its declared parameter type.
    ///
    /// An argument is first read as a lone operand (literal, query or function); when more
    /// follows it (`@.a == 1`), it is re-read as a logical expression.
    private mutating func parseArgument(
        for parameter: PathFunction.ParameterType, of function: PathFunction
    ) throws(JSONPathError) -> FunctionArgument {
        let start = position
        if let operand = try parseOperand() {
            let end = position
            skipBlanks()
            if peek == UInt8(ascii: ",") || peek == UInt8(ascii: ")") {
                position = end
                return try argument(operand, for: parameter, of: function)
            }
            position = start
        }
        let logical = try parseLogicalOr()
        guard parameter == .logical else {
            throw error("\(function.rawValue)() expects \(Self.describe(parameter)) here, not a logical expression", at: start)
        }
        return .logical(logical)
    }

    private func argument(
        _ operand: Operand, for parameter: PathFunction.ParameterType, of function: PathFunction
    ) throws(JSONPathError) -> FunctionArgument {
        let name = function.rawValue
        switch (parameter, operand.kind) {
        case (.value, .literal(let value)):
            return .value(.literal(value))
        case (.value, .query(let query)):
            guard query.isSingular else {
                throw error("\(name)() expects a value here, so the query must be singular (names and indexes only)", at: operand.start)
            }
            return .value(.query(query))
        case (.value, .function(let call)):
            guard call.function.resultType == .value else {
                throw error("\(name)() expects a value here, but \(call.function.rawValue)() gives true or false", at: operand.start)
            }
            return .value(.function(call))
        case (.nodes, .query(let query)):
            return .nodes(query)
        case (.nodes, _):
            throw error("\(name)() expects a query (nodes) here", at: operand.start)
        case (.logical, .query(let query)):
            return .logical(.exists(query))
        case (.logical, .function(let call)):
            guard call.function.resultType != .value else {
                throw error("\(name)() expects true or false here, but \(call.function.rawValue)() gives a value", at: operand.start)
            }
            return .logical(.function(call))
        case (.logical, .literal):
            throw error("\(name)() expects a logical expression here, not a literal", at: operand.start)
        }
    }

    private static func describe(_ type: PathFunction.ParameterType) -> String {
        switch type {
        case .value: "a value (a literal, a singular query or a function giving a value)"
        case .logical: "a logical expression"
        case .nodes: "a query"
        }
    }
}
