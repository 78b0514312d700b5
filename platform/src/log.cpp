#include "els/platform/log.hpp"

#include <cstdio>
#include <string>

namespace els::platform::log {
namespace {

// sd-daemon(3) priorities: journald turns a leading "<N>" into the entry's priority.
const char* syslogPrefix(Level level) {
    switch (level) {
    case Level::Debug:
        return "<7>";
    case Level::Info:
        return "<6>";
    case Level::Warning:
        return "<4>";
    case Level::Error:
        return "<3>";
    }
    return "<6>";
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

} // namespace

Logger::Logger(Level minimum, Sink sink)
    : minimum_(minimum), sink_(sink ? std::move(sink) : Sink(writeToStderr)) {}

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
    sink_(std::string(syslogPrefix(level)) + format(event, fields));
}

} // namespace els::platform::log
