// kioskctl status: counters from the journal (sessions, outcomes, errors, operations) — codes
// and numbers only. Human-readable, --json, or --prometheus for node_exporter's textfile
// collector (written atomically with --output FILE).
#include "arg-reader.hpp"
#include "atomic-file.hpp"
#include "command.hpp"
#include "els/platform/clock.hpp"
#include "els/platform/config.hpp"
#include "els/platform/journal.hpp"
#include "json-writer.hpp"
#include "service-user.hpp"

#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

namespace els::kiosk::kioskctl {

namespace {

enum class Format { Text, Json, Prometheus };

struct StatusOptions {
    std::string config{platform::defaultConfigPath};
    Format format = Format::Text;
    std::string output;
    std::string kioskUser; // empty: User= of els-kiosk.service
};

StatusOptions parse(const Args& args) {
    StatusOptions options;
    for (ArgReader in(args); in.next();) {
        if (in.is("--config"))
            options.config = in.value();
        else if (in.is("--json"))
            options.format = Format::Json;
        else if (in.is("--prometheus"))
            options.format = Format::Prometheus;
        else if (in.is("--output"))
            options.output = in.value();
        else if (in.is("--kiosk-user"))
            options.kioskUser = in.value();
        else
            throw UsageError("status: unknown argument " + in.current());
    }
    if (!options.output.empty() && options.format != Format::Prometheus) {
        throw UsageError("status: --output goes with --prometheus");
    }
    return options;
}

// Prometheus label values escape backslash, double quote and newline.
std::string label(std::string_view value) {
    std::string out;
    for (const char c : value) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

void family(std::string& out, const char* name, const char* type, const char* help) {
    out += std::string("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
}

// Codes of what keeps the kiosk from working, each once.
using ProblemCodes = std::set<std::string>;

std::string prometheus(const ProblemCodes& problems, const platform::JournalCounters& c) {
    std::string out;
    // Loud on a dashboard: a kiosk that cannot serve anyone is 0 here, not just quiet.
    family(out, "els_kiosk_config_ok", "gauge",
           "1 when the configuration and the files it names are usable; kioskctl doctor says "
           "why not.");
    out += "els_kiosk_config_ok " + std::string(problems.empty() ? "1" : "0") + '\n';
    family(out, "els_kiosk_config_error", "gauge",
           "1 for each configuration problem by code (kioskctl doctor names the fix).");
    for (const auto& code : problems)
        out += "els_kiosk_config_error{code=\"" + label(code) + "\"} 1\n";
    family(out, "els_kiosk_sessions_total", "counter", "Card sessions started.");
    out += "els_kiosk_sessions_total " + std::to_string(c.sessions) + '\n';
    family(out, "els_kiosk_session_outcomes_total", "counter", "Card sessions by how they ended.");
    for (const auto& [outcome, n] : c.sessionOutcomes) {
        out += "els_kiosk_session_outcomes_total{outcome=\"" + label(outcome) + "\"} " +
               std::to_string(n) + '\n';
    }
    family(out, "els_kiosk_errors_total", "counter", "Errors by code.");
    for (const auto& [code, n] : c.errors) {
        out += "els_kiosk_errors_total{code=\"" + label(code) + "\"} " + std::to_string(n) + '\n';
    }
    // Operations move between states, so a count per state is a gauge, not a counter.
    family(out, "els_kiosk_operations", "gauge",
           "USOS operations (order, cancel, revoke) by kind and state.");
    for (const auto& [kindState, n] : c.operations) {
        const auto dot = kindState.find('.');
        const auto kind = kindState.substr(0, dot);
        const auto state = dot == std::string::npos ? std::string() : kindState.substr(dot + 1);
        out += "els_kiosk_operations{kind=\"" + label(kind) + "\",state=\"" + label(state) +
               "\"} " + std::to_string(n) + '\n';
    }
    return out;
}

std::string jsonCounts(const std::map<std::string, std::int64_t>& counts) {
    std::string out = "{";
    for (const auto& [key, n] : counts) {
        if (out.size() > 1)
            out += ',';
        out += jsonString(key) + ':' + std::to_string(n);
    }
    return out + '}';
}

std::string jsonCodes(const ProblemCodes& problems) {
    std::string out = "[";
    for (const auto& code : problems)
        out += (out.size() > 1 ? "," : "") + jsonString(code);
    return out + ']';
}

std::string json(const platform::Config& config, const ProblemCodes& problems, bool exists,
                 const platform::JournalCounters& c) {
    return "{\"config_ok\":" + std::string(problems.empty() ? "true" : "false") +
           ",\"config_errors\":" + jsonCodes(problems) +
           ",\"journal\":" + jsonString(config.journalPath.string()) +
           ",\"journal_exists\":" + (exists ? "true" : "false") +
           ",\"sessions\":" + std::to_string(c.sessions) +
           ",\"outcomes\":" + jsonCounts(c.sessionOutcomes) +
           ",\"errors\":" + jsonCounts(c.errors) + ",\"operations\":" + jsonCounts(c.operations) +
           "}\n";
}

std::string text(const platform::Config& config, const ProblemCodes& problems, bool exists,
                 const platform::JournalCounters& c) {
    std::string codes;
    for (const auto& code : problems)
        codes += (codes.empty() ? "" : ", ") + code;
    std::string out = problems.empty()
                          ? "configuration: usable\n"
                          : "configuration: NOT USABLE (" + codes + "; kioskctl doctor says why)\n";
    out += "journal: " + config.journalPath.string() + (exists ? "\n" : " (not created yet)\n");
    out += "sessions: " + std::to_string(c.sessions) + '\n';
    const auto section = [&](const char* title, const std::map<std::string, std::int64_t>& counts) {
        out += std::string(title) + (counts.empty() ? ": none\n" : ":\n");
        for (const auto& [key, n] : counts)
            out += "  " + key + ": " + std::to_string(n) + '\n';
    };
    section("outcomes", c.sessionOutcomes);
    section("errors", c.errors);
    section("operations", c.operations);
    return out;
}

} // namespace

int runStatus(const Args& args) {
    const auto options = parse(args);
    // A broken configuration is a status too (for the metrics above all), not a failure to
    // report one: the counters are then left out.
    const auto reading = platform::Config::read(options.config);
    ProblemCodes problems;
    for (const auto& problem : reading.problems)
        problems.insert(problem.code);
    if (problems.empty()) {
        // Root checks as the kiosk user would see it; the metrics timer already runs as it.
        const auto user =
            lookUpUser(options.kioskUser.empty() ? serviceUserName() : options.kioskUser);
        const auto usable = user ? checkConfigUsableAs(reading.config, *user)
                                 : platform::checkConfigUsable(reading.config);
        for (const auto& problem : usable)
            problems.insert(problem.code);
    } else if (options.format != Format::Prometheus) {
        throw std::runtime_error(reading.problems.front().message +
                                 " (kioskctl doctor lists every problem)");
    }
    const auto& config = reading.config;
    // Reading must not create the journal: a root-owned file would lock the kiosk user out.
    std::error_code ec;
    const bool exists =
        !config.journalPath.empty() && std::filesystem::exists(config.journalPath, ec);
    platform::JournalCounters counters;
    if (exists) {
        const platform::SystemClock clock;
        counters = platform::Journal(config.journalPath, clock).counters();
    }
    std::string out;
    switch (options.format) {
    case Format::Text:
        out = text(config, problems, exists, counters);
        break;
    case Format::Json:
        out = json(config, problems, exists, counters);
        break;
    case Format::Prometheus:
        out = prometheus(problems, counters);
        break;
    }
    if (options.output.empty()) {
        std::fputs(out.c_str(), stdout);
    } else {
        writeFileAtomically(options.output, out, 0644);
    }
    return exitOk;
}

} // namespace els::kiosk::kioskctl
