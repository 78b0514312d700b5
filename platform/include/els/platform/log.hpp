#pragma once

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

// A tiny logging facade: one event per call, with a code and typed fields. Under systemd (stderr
// connected to the journal) each event becomes a journal entry with structured fields
// (ELS_EVENT, ELS_ERROR_CODE, ELS_DURATION_MS) that `journalctl ELS_EVENT=...` can filter;
// elsewhere it is one line on stderr with a "<N>" priority prefix. Personal data cannot get in by
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

// Where events go when nobody chose: the journal only when stderr is the journal's stream
// (systemd sets JOURNAL_STREAM to "<dev>:<inode>" of that stream; a redirected stderr no longer
// matches) and the program was built with libsystemd.
enum class Destination { Stderr, Journal };
Destination chooseDestination(const char* journalStream, int stderrFd, bool journalAvailable);

class Logger {
public:
    using Sink = std::function<void(std::string_view line)>; // one complete line, no newline
    // One journal entry as "NAME=value" assignments (sd_journal_sendv's form).
    using JournalSend = std::function<void(const std::vector<std::string>& fields)>;

    // Without a sink: the journal or stderr, by chooseDestination() for this process.
    explicit Logger(Level minimum = Level::Info, Sink sink = {});
    // Structured entries through `send` (sd_journal_sendv in production, a fake in tests).
    // SYSLOG_IDENTIFIER is `identifier`, e.g. "els-kiosk".
    static Logger toJournal(Level minimum, JournalSend send, std::string identifier);

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
    using Write = std::function<void(Level, Code, std::initializer_list<Field>)>;
    Logger(Write write, Level minimum) : minimum_(minimum), write_(std::move(write)) {}

    Level minimum_;
    Write write_;
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
