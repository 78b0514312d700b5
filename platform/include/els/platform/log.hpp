#pragma once

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

// A tiny logging facade: one line per event, with a code and typed fields, to stderr (journald
// picks it up under systemd, "<N>" prefixes become priorities). Personal data cannot get in by
// construction: text fields accept only compile-time literals or enum codes, never runtime strings.
namespace els::platform::log {

enum class Level { Debug, Info, Warning, Error };

// A piece of text that is safe to log: a string literal, or the name of an enum value through an
// ADL-found `const char* toString(E)`.
class Code {
public:
    template <std::size_t N>
    consteval Code(const char (&literal)[N])
        : text_(literal, N - 1) {} // NOLINT: implicit on purpose

    template <typename E>
    requires std::is_enum_v<E> && requires(E e) {
        { toString(e) } -> std::convertible_to<const char*>;
    }
    Code(E value) : text_(toString(value)) {} // NOLINT: implicit on purpose

    // For configuration values that are not personal (a configured USOS method name). The
    // name is loud on purpose so that a reviewer sees every use.
    static Code fromConfiguration(std::string_view text) { return Code(text, 0); }

    std::string_view text() const noexcept { return text_; }

private:
    Code(std::string_view text, int) : text_(text) {}
    std::string_view text_;
};

struct Field {
    using Value = std::variant<Code, std::int64_t, std::chrono::milliseconds, bool>;

    Field(Code k, Code v) : key(k), value(v) {}
    template <std::integral I>
    requires(!std::same_as<I, bool>) Field(Code k, I v)
        : key(k), value(static_cast<std::int64_t>(v)) {}
    template <std::same_as<bool> B> // a template, so that a literal never decays to bool
    Field(Code k, B v) : key(k), value(v) {}
    template <typename Rep, typename Period>
    Field(Code k, std::chrono::duration<Rep, Period> v)
        : key(k), value(std::chrono::duration_cast<std::chrono::milliseconds>(v)) {}

    Code key;
    Value value;
};

class Logger {
public:
    using Sink = std::function<void(std::string_view line)>; // one complete line, no newline

    explicit Logger(Level minimum = Level::Info, Sink sink = {});

    // event=<code> key=value ...; durations print as <key>_ms=<n>.
    void event(Level level, Code event, std::initializer_list<Field> fields = {}) const;
    void info(Code event, std::initializer_list<Field> fields = {}) const {
        this->event(Level::Info, event, fields);
    }
    void warning(Code event, std::initializer_list<Field> fields = {}) const {
        this->event(Level::Warning, event, fields);
    }
    void error(Code event, std::initializer_list<Field> fields = {}) const {
        this->event(Level::Error, event, fields);
    }

    // The line as the sink receives it, without the syslog priority prefix (for tests).
    static std::string format(Code event, std::initializer_list<Field> fields);

private:
    Level minimum_;
    Sink sink_;
};

// Measures how long something took, for the `duration` field of an event.
class Stopwatch {
public:
    Stopwatch() : start_(std::chrono::steady_clock::now()) {}
    std::chrono::milliseconds elapsed() const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - start_);
    }

private:
    std::chrono::steady_clock::time_point start_;
};

} // namespace els::platform::log
