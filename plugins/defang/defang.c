/*
 * defang — makes URLs, domains and IP addresses safe to paste into tickets and chats:
 *   http://evil.example.com/x  ->  hxxp://evil[.]example[.]com/x
 *   10.0.0.1                   ->  10[.]0[.]0[.]1
 * Schemes are written in lower case (HTTPS:// -> hxxps://).
 * Strings are defanged; lists element by element; other values pass unchanged.
 * Arguments (optional): {dots: false} keeps dots, {schemes: false} keeps http/https/ftp.
 * Built by scripts/build-plugins.sh into mappers/plugins/defang.wasm.
 */
#include "../sdk/intake_plugin.h"

static const char metadata[] =
    "{\"abi\":1,\"name\":\"defang\",\"version\":\"1.0.0\","
    "\"summary\":\"defang URLs, domains and IPs: hxxp://, [.]\","
    "\"arguments\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
    "\"dots\":{\"type\":\"boolean\",\"description\":\"write [.] for dots between letters or digits (default true)\"},"
    "\"schemes\":{\"type\":\"boolean\",\"description\":\"write hxxp/hxxps/fxp for http/https/ftp before :// (default true)\"}}}}";

INTAKE_EXPORT("intake_metadata") u64 intake_metadata(void) {
    return intake_result(metadata, sizeof metadata - 1);
}

/* A letter or digit of a host name; bytes of UTF-8 sequences count, for names like é.fr. */
static int is_alnum(char c) {
    unsigned char b = (unsigned char)c;
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b >= 0x80;
}

static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }

/* Whether [at, end) starts with `word` (lowercase), ignoring case. */
static int starts_with(const char *at, const char *end, const char *word) {
    for (; *word; word++, at++) {
        if (at >= end || lower(*at) != *word) return 0;
    }
    return 1;
}

typedef struct { int dots, schemes; } options;

/* Copies a JSON string (span includes the quotes), defanged, into the buffer. */
static void defang_string(intake_buffer *out, const char *start, const char *end, options opt) {
    const char *p = start;
    intake_put(out, p++, 1);
    end--; /* the closing quote */
    while (p < end) {
        char c = *p;
        int at_word_start = p == start + 1 || !is_alnum(p[-1]);
        if (c == '\\') {
            u32 n = (p + 1 < end && p[1] == 'u') ? 6 : 2;
            if (p + n > end) n = (u32)(end - p);
            intake_put(out, p, n);
            p += n;
        } else if (opt.schemes && at_word_start && starts_with(p, end, "https://")) {
            intake_puts(out, "hxxps://"); p += 8;
        } else if (opt.schemes && at_word_start && starts_with(p, end, "http://")) {
            intake_puts(out, "hxxp://"); p += 7;
        } else if (opt.schemes && at_word_start && starts_with(p, end, "ftp://")) {
            intake_puts(out, "fxp://"); p += 6;
        } else if (opt.dots && c == '.' && p > start + 1 && is_alnum(p[-1]) && p + 1 < end && is_alnum(p[1])) {
            intake_puts(out, "[.]");
            p++;
        } else {
            intake_put(out, p++, 1);
        }
    }
    intake_puts(out, "\"");
}

/* A boolean argument: 0 only when the member is present and `false`. */
static int flag(intake_span arguments, const char *key) {
    intake_span value;
    if (!intake_member(arguments.start, (u32)(arguments.end - arguments.start), key, &value)) return 1;
    return !starts_with(value.start, value.end, "false");
}

INTAKE_EXPORT("intake_apply") u64 intake_apply(const char *request, u32 length) {
    intake_span input, arguments;
    if (!intake_member(request, length, "input", &input)) return intake_result("{}", 2);
    options opt = { 1, 1 };
    if (intake_member(request, length, "arguments", &arguments) && *arguments.start == '{') {
        opt.dots = flag(arguments, "dots");
        opt.schemes = flag(arguments, "schemes");
    }
    intake_buffer out;
    /* "[.]" triples a dot: three times the input, plus the envelope, always fits. */
    if (!intake_buffer_init(&out, (u32)(input.end - input.start) * 3 + 16)) return intake_error("out of memory");
    intake_puts(&out, "{\"output\":");
    if (*input.start == '"') {
        defang_string(&out, input.start, input.end, opt);
    } else if (*input.start == '[') {
        intake_cursor c = { input.start + 1, input.end };
        intake_puts(&out, "[");
        for (int first = 1;; first = 0) {
            intake_skip_space(&c);
            if (c.at >= c.end || *c.at == ']') break;
            if (!first) { if (*c.at != ',') break; c.at++; intake_puts(&out, ","); intake_skip_space(&c); }
            const char *element = c.at;
            if (!intake_skip_value(&c)) return intake_error("malformed input list");
            if (*element == '"') defang_string(&out, element, c.at, opt);
            else intake_put(&out, element, (u32)(c.at - element));
        }
        intake_puts(&out, "]");
    } else {
        intake_put(&out, input.start, (u32)(input.end - input.start));
    }
    intake_puts(&out, "}");
    return intake_result(out.bytes, out.length);
}
