#include "els/platform/log.hpp"

#include <charconv>
#include <cstdio>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#ifdef ELS_HAVE_SYSTEMD
#include <cerrno> // program_invocation_short_name
#include <cstdlib>
#include <sys/uio.h>
#include <systemd/sd-journal.h>
#endif

namespace els::platform::log {
namespace {

// syslog(3) priorities, as journald stores them.
int syslogPriority(Level level) {
    switch (level) {
    case Level::Debug:
        return 7;
    case Level::Info:
        return 6;
    case Level::Warning:
        return 4;
    case Level::Error:
        return 3;
    }
    return 6;
}

void writeToStderr(std::string_view line) {
    // One fwrite per line keeps lines from concurrent threads whole.
    std::string buffer(line);
    buffer += '\n';
    std::fwrite(buffer.data(), 1, buffer.size(), stderr);
}

void appendValue(std::string& out, std::string_view key, const Field::Value& value) {
    out += ' ';
    out += key;
    if (const auto* code = std::get_if<Code>(&value)) {
        out += '=';
        out += code->text();
    } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
        out += '=';
        out += std::to_string(*number);
    } else if (const auto* duration = std::get_if<std::chrono::milliseconds>(&value)) {
        out += "_ms=";
        out += std::to_string(duration->count());
    } else {
        out += std::get<bool>(value) ? "=true" : "=false";
    }
}

// The entry's fields: the readable line as MESSAGE, plus the ones operators filter on. Only the
// `error` and `duration` fields get their own journal field; the rest stay in MESSAGE.
std::vector<std::string> journalFields(Level level, Code event, std::initializer_list<Field> fields,
                                       std::string_view identifier) {
    std::vector<std::string> out{
        "MESSAGE=" + Logger::format(event, fields),
        "PRIORITY=" + std::to_string(syslogPriority(level)),
        "SYSLOG_IDENTIFIER=" + std::string(identifier),
        "ELS_EVENT=" + std::string(event.text()),
    };
    for (const auto& field : fields) {
        if (const auto* code = std::get_if<Code>(&field.value); code && field.key.text() == "error")
            out.push_back("ELS_ERROR_CODE=" + std::string(code->text()));
        const auto* duration = std::get_if<std::chrono::milliseconds>(&field.value);
        if (duration && field.key.text() == "duration")
            out.push_back("ELS_DURATION_MS=" + std::to_string(duration->count()));
    }
    return out;
}

#ifdef ELS_HAVE_SYSTEMD
void sendToJournal(const std::vector<std::string>& fields) {
    std::vector<iovec> vector;
    vector.reserve(fields.size());
    for (const auto& field : fields)
        vector.push_back({const_cast<char*>(field.data()), field.size()});
    // A journal that went away must not stop the kiosk; the entry is lost, nothing else.
    sd_journal_sendv(vector.data(), static_cast<int>(vector.size()));
}
#endif

} // namespace

Destination chooseDestination(const char* journalStream, int stderrFd, bool journalAvailable) {
    if (!journalAvailable || journalStream == nullptr)
        return Destination::Stderr;
    const std::string_view text(journalStream);
    const auto colon = text.find(':');
    unsigned long long device = 0;
    unsigned long long inode = 0;
    const auto parse = [](std::string_view part, unsigned long long& value) {
        const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
        return !part.empty() && error == std::errc{} && end == part.data() + part.size();
    };
    if (colon == std::string_view::npos || !parse(text.substr(0, colon), device) ||
        !parse(text.substr(colon + 1), inode))
        return Destination::Stderr;
    struct stat st {};
    if (::fstat(stderrFd, &st) != 0)
        return Destination::Stderr;
    return st.st_dev == device && st.st_ino == inode ? Destination::Journal : Destination::Stderr;
}

Logger::Logger(Level minimum, Sink sink) : minimum_(minimum) {
#ifdef ELS_HAVE_SYSTEMD
    if (!sink && chooseDestination(std::getenv("JOURNAL_STREAM"), STDERR_FILENO, true) ==
                     Destination::Journal) {
        write_ = toJournal(minimum, sendToJournal, program_invocation_short_name).write_;
        return;
    }
#endif
    write_ = [line = sink ? std::move(sink) : Sink(writeToStderr)](
                 Level level, Code event, std::initializer_list<Field> fields) {
        // sd-daemon(3): journald turns a leading "<N>" on a stderr line into the priority.
        line("<" + std::to_string(syslogPriority(level)) + ">" + format(event, fields));
    };
}

Logger Logger::toJournal(Level minimum, JournalSend send, std::string identifier) {
    return Logger(
        [send = std::move(send), identifier = std::move(identifier)](
            Level level, Code event, std::initializer_list<Field> fields) {
            send(journalFields(level, event, fields, identifier));
        },
        minimum);
}

std::string Logger::format(Code event, std::initializer_list<Field> fields) {
    std::string line = "event=";
    line += event.text();
    for (const auto& field : fields)
        appendValue(line, field.key.text(), field.value);
    return line;
}

void Logger::event(Level level, Code event, std::initializer_list<Field> fields) const {
    if (level < minimum_)
        return;
    write_(level, event, fields);
}

} // namespace els::platform::log
