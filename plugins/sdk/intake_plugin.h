/*
 * intake_plugin.h — the Intake plugin ABI for C (docs/plugins.md), with no libc.
 *
 * Include it in exactly one .c file of a plugin. It provides the allocator exports
 * (intake_alloc, intake_free), memcpy/memset for the compiler, and small helpers to scan the
 * request and build the response. The plugin defines intake_metadata and intake_apply.
 *
 * Memory: an arena over the plugin's linear memory. The host frees every block it receives
 * (the request it allocated, each result); once none is live, the arena starts over, so a
 * pooled instance does not grow call after call.
 */
#ifndef INTAKE_PLUGIN_H
#define INTAKE_PLUGIN_H

typedef unsigned int u32;
typedef unsigned long long u64;
typedef unsigned long usize;

#define INTAKE_EXPORT(name) __attribute__((export_name(name)))

extern unsigned char __heap_base;
static usize intake_heap_top;
static int intake_live_blocks;

void *memcpy(void *dst, const void *src, usize n) {
    unsigned char *d = dst; const unsigned char *s = src;
    while (n--) *d++ = *s++;
    return dst;
}

void *memset(void *dst, int c, usize n) {
    unsigned char *d = dst;
    while (n--) *d++ = (unsigned char)c;
    return dst;
}

INTAKE_EXPORT("intake_alloc") void *intake_alloc(u32 size) {
    if (intake_heap_top == 0) intake_heap_top = (usize)&__heap_base;
    usize start = (intake_heap_top + 7) & ~(usize)7;
    usize end = start + size;
    usize have = __builtin_wasm_memory_size(0) * 65536;
    if (end > have && __builtin_wasm_memory_grow(0, (end - have + 65535) / 65536) == (usize)-1) return 0;
    intake_heap_top = end;
    intake_live_blocks++;
    return (void *)start;
}

INTAKE_EXPORT("intake_free") void intake_free(void *block, u32 size) {
    (void)size;
    if ((usize)block < (usize)&__heap_base) return; /* static data, e.g. the metadata */
    if (--intake_live_blocks <= 0) {
        intake_live_blocks = 0;
        intake_heap_top = (usize)&__heap_base;
    }
}

/* A result block: (pointer << 32) | length. */
static inline u64 intake_result(const void *block, u32 length) {
    return ((u64)(usize)block << 32) | length;
}

/* A static string's length. */
static inline u32 intake_strlen(const char *text) {
    u32 n = 0;
    while (text[n]) n++;
    return n;
}

/* ---- scanning the request: a cursor over JSON text ---- */

typedef struct { const char *at, *end; } intake_cursor;

static void intake_skip_space(intake_cursor *c) {
    while (c->at < c->end && (*c->at == ' ' || *c->at == '\n' || *c->at == '\r' || *c->at == '\t')) c->at++;
}

/* Skips a string; the cursor stands on its opening quote. Returns 0 when malformed. */
static int intake_skip_string(intake_cursor *c) {
    c->at++;
    while (c->at < c->end) {
        char ch = *c->at++;
        if (ch == '\\') { if (c->at >= c->end) return 0; c->at++; }
        else if (ch == '"') return 1;
    }
    return 0;
}

/* Skips one JSON value of any kind (the host sends valid JSON, nested at most 64 deep). */
static int intake_skip_value(intake_cursor *c) {
    intake_skip_space(c);
    if (c->at >= c->end) return 0;
    char ch = *c->at;
    if (ch == '"') return intake_skip_string(c);
    if (ch == '{' || ch == '[') {
        int depth = 0;
        while (c->at < c->end) {
            ch = *c->at;
            if (ch == '"') { if (!intake_skip_string(c)) return 0; continue; }
            c->at++;
            if (ch == '{' || ch == '[') depth++;
            else if ((ch == '}' || ch == ']') && --depth == 0) return 1;
        }
        return 0;
    }
    while (c->at < c->end && *c->at != ',' && *c->at != '}' && *c->at != ']' && *c->at != ' ' && *c->at != '\n') c->at++;
    return 1;
}

/* Whether the string the cursor stands on (quote included) equals `key`. */
static int intake_key_is(const char *quote, const char *after, const char *key) {
    u32 n = intake_strlen(key);
    if ((u32)(after - quote) != n + 2) return 0;
    for (u32 i = 0; i < n; i++) if (quote[1 + i] != key[i]) return 0;
    return 1;
}

typedef struct { const char *start, *end; } intake_span;

/*
 * Finds the top-level member `key` of the object in [text, text + length).
 * Returns 1 and its value's span, or 0 when absent or malformed.
 */
static int intake_member(const char *text, u32 length, const char *key, intake_span *value) {
    intake_cursor c = { text, text + length };
    intake_skip_space(&c);
    if (c.at >= c.end || *c.at != '{') return 0;
    c.at++;
    for (;;) {
        intake_skip_space(&c);
        if (c.at >= c.end || *c.at != '"') return 0;
        const char *quote = c.at;
        if (!intake_skip_string(&c)) return 0;
        int wanted = intake_key_is(quote, c.at, key);
        intake_skip_space(&c);
        if (c.at >= c.end || *c.at != ':') return 0;
        c.at++;
        intake_skip_space(&c);
        const char *start = c.at;
        if (!intake_skip_value(&c)) return 0;
        if (wanted) { value->start = start; value->end = c.at; return 1; }
        intake_skip_space(&c);
        if (c.at < c.end && *c.at == ',') { c.at++; continue; }
        return 0;
    }
}

/* ---- building the response ---- */

typedef struct { char *bytes; u32 length, capacity; } intake_buffer;

static int intake_buffer_init(intake_buffer *b, u32 capacity) {
    b->bytes = intake_alloc(capacity);
    b->length = 0;
    b->capacity = capacity;
    return b->bytes != 0;
}

static void intake_put(intake_buffer *b, const char *bytes, u32 n) {
    if (b->length + n > b->capacity) n = b->capacity - b->length; /* callers size the buffer */
    memcpy(b->bytes + b->length, bytes, n);
    b->length += n;
}

static void intake_puts(intake_buffer *b, const char *text) { intake_put(b, text, intake_strlen(text)); }

/* An error response built from a static message (no quotes or backslashes in it). */
static u64 intake_error(const char *message) {
    intake_buffer b;
    if (!intake_buffer_init(&b, intake_strlen(message) + 16)) return 0;
    intake_puts(&b, "{\"error\":\"");
    intake_puts(&b, message);
    intake_puts(&b, "\"}");
    return intake_result(b.bytes, b.length);
}

#endif
