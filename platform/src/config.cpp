#include "els/platform/config.hpp"

#include "config-sections.hpp"
#include "els/platform/error.hpp"
#include "els/platform/unique-fd.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <optional>
#include <pwd.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>

namespace els::platform {
namespace fs = std::filesystem;
namespace {

using Values = std::map<std::string, std::string, std::less<>>; // "section.key" → value

std::string_view trim(std::string_view text) {
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

// Where parse and validation errors go: thrown at once (load, set) or all collected (read).
class Problems {
public:
    explicit Problems(bool collect) : collect_(collect) {}

    void add(std::string message, std::string fix) {
        if (!collect_)
            throw Error(message);
        list_.push_back({"config_invalid", std::move(message), std::move(fix)});
    }
    std::vector<ConfigProblem> take() { return std::move(list_); }

private:
    bool collect_;
    std::vector<ConfigProblem> list_;
};

const std::string fixByEditing = "correct that line of the file (kioskctl config show lists the "
                                 "keys; kioskctl config set SECTION.KEY VALUE rewrites one)";

bool isKnownKey(std::string_view key) {
    const auto& keys = configKeys();
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

bool isKnownSection(std::string_view section) {
    const auto& keys = configKeys();
    return std::any_of(keys.begin(), keys.end(), [&](std::string_view key) {
        return key.substr(0, key.find('.')) == section;
    });
}

std::string readText(const fs::path& file, std::string_view what) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error("cannot read " + std::string(what) + " " + file.string() + ": " +
                    std::error_code(errno, std::generic_category()).message());
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

std::vector<std::string> splitLines(const std::string& content) {
    std::vector<std::string> lines;
    std::istringstream in(content);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

struct ParsedLine {
    enum class Kind { Blank, Section, BadSection, Entry } kind = Kind::Blank;
    std::string section; // for Section and Entry
    std::string key;     // for Entry
    std::string value;   // for Entry
};

// One line of the INI dialect: blank/comment, [section], or key = value (value may be quoted).
// A bad line is reported and read as blank (BadSection: the keys under it are skipped too).
ParsedLine parseLine(std::string_view raw, const std::string& currentSection, const fs::path& file,
                     std::size_t lineNumber, Problems& problems) {
    const auto where = [&] { return file.string() + ":" + std::to_string(lineNumber) + ": "; };
    const std::string_view line = trim(raw);
    ParsedLine parsed;
    if (line.empty() || line.front() == '#' || line.front() == ';')
        return parsed;
    if (line.front() == '[') {
        parsed.kind = ParsedLine::Kind::BadSection;
        if (line.back() != ']') {
            problems.add(where() + "malformed section header: " + std::string(line), fixByEditing);
            return parsed;
        }
        parsed.section = trim(line.substr(1, line.size() - 2));
        if (!isKnownSection(parsed.section)) {
            problems.add(where() + "unknown section [" + parsed.section + "]", fixByEditing);
            return parsed;
        }
        parsed.kind = ParsedLine::Kind::Section;
        return parsed;
    }
    const auto equals = line.find('=');
    if (equals == std::string_view::npos) {
        problems.add(where() + "expected 'key = value', got: " + std::string(line), fixByEditing);
        return parsed;
    }
    if (currentSection.empty()) {
        problems.add(where() + "key outside of any [section]", fixByEditing);
        return parsed;
    }
    const std::string key(trim(line.substr(0, equals)));
    if (!isKnownKey(currentSection + "." + key)) {
        problems.add(where() + "unknown key '" + key + "' in section [" + currentSection + "]",
                     "delete that line or correct the key's name (kioskctl config show lists "
                     "the keys)");
        return parsed;
    }
    parsed.kind = ParsedLine::Kind::Entry;
    parsed.section = currentSection;
    parsed.key = key;
    std::string_view value = trim(line.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
    parsed.value = value;
    return parsed;
}

Values parseIni(const std::vector<std::string>& lines, const fs::path& file, Problems& problems) {
    Values values;
    std::string section;
    bool skipping = false; // under a bad section header: its keys are not reported one by one
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (skipping && !trim(lines[i]).starts_with('['))
            continue;
        const auto parsed = parseLine(lines[i], section, file, i + 1, problems);
        if (parsed.kind == ParsedLine::Kind::Section) {
            section = parsed.section;
            skipping = false;
        } else if (parsed.kind == ParsedLine::Kind::BadSection) {
            skipping = true;
        } else if (parsed.kind == ParsedLine::Kind::Entry) {
            const auto name = parsed.section + "." + parsed.key;
            if (!values.emplace(name, parsed.value).second)
                problems.add(file.string() + ":" + std::to_string(i + 1) + ": key '" + parsed.key +
                                 "' appears twice in section [" + parsed.section + "]",
                             "delete one of the two lines");
        }
    }
    return values;
}

class ConfigBuilder {
public:
    ConfigBuilder(const Values& values, const fs::path& file, Problems& problems)
        : values_(values), file_(file), folder_(fs::absolute(file).parent_path()),
          problems_(problems) {}

    std::optional<std::string> text(std::string_view key) const {
        const auto it = values_.find(key);
        if (it == values_.end() || it->second.empty())
            return std::nullopt;
        return it->second;
    }

    // Empty (after reporting it) when missing.
    std::string required(std::string_view key) const {
        if (auto value = text(key))
            return *value;
        fail(key, "is required but missing",
             "kioskctl config set " + std::string(key) + " VALUE (or kioskctl provision ...)");
        return {};
    }

    fs::path path(std::string_view key) const {
        const auto value = text(key);
        return value ? resolve(*value) : fs::path{};
    }

    fs::path requiredPath(std::string_view key) const {
        const auto value = required(key);
        return value.empty() ? fs::path{} : resolve(value);
    }

    template <typename Duration> Duration positive(std::string_view key, Duration fallback) const {
        const auto value = text(key);
        if (!value)
            return fallback;
        long long number = 0;
        const auto* end = value->data() + value->size();
        const auto [ptr, ec] = std::from_chars(value->data(), end, number);
        if (ec != std::errc{} || ptr != end || number <= 0) {
            fail(key, "must be a positive whole number, got '" + *value + "'");
            return fallback;
        }
        return Duration{number};
    }

    void fail(std::string_view key, const std::string& problem, std::string fix = {}) const {
        const auto dot = key.find('.');
        if (fix.empty())
            fix = "kioskctl config set " + std::string(key) + " VALUE";
        problems_.add(file_.string() + ": [" + std::string(key.substr(0, dot)) + "] " +
                          std::string(key.substr(dot + 1)) + " " + problem,
                      std::move(fix));
    }

private:
    fs::path resolve(const std::string& value) const {
        const fs::path p(value);
        return (p.is_absolute() ? p : folder_ / p).lexically_normal();
    }

    const Values& values_;
    fs::path file_;
    fs::path folder_;
    Problems& problems_;
};

bool startsWithHttps(std::string_view url) {
    constexpr std::string_view scheme = "https://";
    if (url.size() <= scheme.size())
        return false;
    return std::equal(scheme.begin(), scheme.end(), url.begin(), [](char a, char b) {
        return a == static_cast<char>(std::tolower(static_cast<unsigned char>(b)));
    });
}

// Why a base URL that starts with https:// is still unusable; empty when it is fine. The
// authority must be a plain host[:port]: "https://usos.example.edu@evil.example" names the
// host evil.example with user "usos.example.edu", which a reader of the file would not see.
std::string baseUrlProblem(std::string_view url) {
    const std::string_view rest = url.substr(std::string_view("https://").size());
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.find('@') != std::string_view::npos)
        return "must not contain user information (\"user@\"): the host would be what follows "
               "the '@'";
    if (authority.empty() || authority.front() == ':')
        return "has no host";
    if (std::any_of(url.begin(), url.end(),
                    [](unsigned char c) { return c <= ' ' || c == 0x7F || c == '\\'; }))
        return "must not contain spaces, control characters or backslashes";
    if (rest.find_first_of("?#") != std::string_view::npos)
        return "must not contain a query or fragment";
    return {};
}

bool isToken(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 || c == '_' || c == '-' || c == '/' || c == '.';
    });
}

constexpr std::array allPositions{ReaderPosition::Below, ReaderPosition::Right,
                                  ReaderPosition::Left};

// Builds the typed config; with requireAll=false only the values present are checked. A bad
// value is reported and left at its default (or empty), so the rest can still be checked.
Config build(const Values& values, const fs::path& file, bool requireAll, Problems& problems) {
    const ConfigBuilder b(values, file, problems);
    Config config;
    config.file = fs::absolute(file).lexically_normal();

    const auto textOr = [&](std::string_view key) {
        return requireAll ? b.required(key) : b.text(key).value_or("");
    };
    config.usos.baseUrl = textOr("usos.base_url");
    while (config.usos.baseUrl.ends_with('/'))
        config.usos.baseUrl.pop_back();
    if (!config.usos.baseUrl.empty() && !startsWithHttps(config.usos.baseUrl)) {
        b.fail("usos.base_url", "must be an https:// URL, got '" + config.usos.baseUrl + "'");
        config.usos.baseUrl.clear();
    } else if (const auto problem = config.usos.baseUrl.empty()
                                        ? std::string()
                                        : baseUrlProblem(config.usos.baseUrl);
               !problem.empty()) {
        b.fail("usos.base_url", problem + ", got '" + config.usos.baseUrl + "'");
        config.usos.baseUrl.clear();
    }
    config.usos.caFile = b.path("usos.ca_file");
    config.usos.consumerKey = textOr("usos.consumer_key");
    config.usos.secretFile =
        requireAll ? b.requiredPath("usos.secret_file") : b.path("usos.secret_file");
    if (const auto param = b.text("usos.act_as_param")) {
        if (isToken(*param))
            config.usos.actAsParam = *param;
        else
            b.fail("usos.act_as_param", "must be a parameter name");
    }
    if (const auto method = b.text("usos.lookup_method")) {
        if (isToken(*method) && method->starts_with("services/"))
            config.usos.lookupMethod = *method;
        else
            b.fail("usos.lookup_method", "must be a method name like services/users/search2");
    }
    config.usos.clientCert = b.path("usos.client_cert");
    config.usos.clientKey = b.path("usos.client_key");
    if (config.usos.clientCert.empty() != config.usos.clientKey.empty()) {
        b.fail(config.usos.clientCert.empty() ? "usos.client_cert" : "usos.client_key",
               "is needed too: client_cert and client_key go together");
    }

    config.trustAnchors = requireAll ? b.requiredPath("trust.anchors") : b.path("trust.anchors");
    config.journalPath = requireAll ? b.requiredPath("journal.path") : b.path("journal.path");
    config.journalKeyFile = b.path("journal.key_file");
    config.readerName = b.text("reader.name").value_or("");

    auto& t = config.timing;
    t.requestTimeout = b.positive("timing.request_timeout_ms", t.requestTimeout);
    t.orderDeadline = b.positive("timing.order_deadline_s", t.orderDeadline);
    t.pollInitial = b.positive("timing.poll_initial_ms", t.pollInitial);
    t.pollMax = b.positive("timing.poll_max_ms", t.pollMax);
    t.idleTimeout = b.positive("timing.idle_timeout_s", t.idleTimeout);
    t.readyScreen = b.positive("timing.ready_screen_s", t.readyScreen);
    t.removalGrace = b.positive("timing.removal_grace_s", t.removalGrace);
    auto& a = config.accessibility;
    a.speechKey = b.text("accessibility.speech_key").value_or(a.speechKey);
    a.readCodeKey = b.text("accessibility.read_code_key").value_or(a.readCodeKey);
    if (const auto cues = b.text("accessibility.cues")) {
        if (*cues == "on" || *cues == "off")
            a.cues = *cues == "on";
        else
            b.fail("accessibility.cues", "must be on or off, got '" + *cues + "'");
    }
    if (const auto position = b.text("accessibility.reader_position")) {
        const auto named =
            std::find_if(allPositions.begin(), allPositions.end(),
                         [&](ReaderPosition p) { return readerPositionName(p) == *position; });
        if (named != allPositions.end())
            a.readerPosition = *named;
        else
            b.fail("accessibility.reader_position",
                   "must be below, right or left, got '" + *position + "'");
    }
    auto& h = config.help;
    h.textPl = b.text("help.text_pl").value_or("");
    h.textEn = b.text("help.text_en").value_or("");
    h.contactPl = b.text("help.contact_pl").value_or("");
    h.contactEn = b.text("help.contact_en").value_or("");
    if (t.pollInitial > t.pollMax)
        b.fail("timing.poll_initial_ms", "must not exceed poll_max_ms");

    const detail::SectionReader reader{
        [&](std::string_view key) { return b.text(key); },
        [&](std::string_view key) { return b.path(key); },
        [&](std::string_view key, const std::string& problem) { b.fail(key, problem); },
        requireAll};
    config.mail = detail::buildMailConfig(reader);
    config.clone = detail::buildCloneConfig(reader);
    return config;
}

// Reads, parses and validates with every problem going to `problems`.
Config readConfig(const fs::path& file, const ConfigOverrides& overrides, Problems& problems) {
    auto values = parseIni(splitLines(readText(file, "configuration file")), file, problems);
    for (const auto& [key, value] : overrides) {
        if (isKnownKey(key))
            values[key] = value;
        else
            problems.add("unknown configuration key '" + key + "' in an override",
                         "use a key that kioskctl config show lists");
    }
    return build(values, file, true, problems);
}

} // namespace

std::string_view readerPositionName(ReaderPosition position) noexcept {
    switch (position) {
    case ReaderPosition::Right:
        return "right";
    case ReaderPosition::Left:
        return "left";
    case ReaderPosition::Below:
        break;
    }
    return "below";
}

const std::vector<std::string_view>& configKeys() {
    static const std::vector<std::string_view> keys{
        "usos.base_url",
        "usos.ca_file",
        "usos.consumer_key",
        "usos.secret_file",
        "usos.act_as_param",
        "usos.lookup_method",
        "usos.client_cert",
        "usos.client_key",
        "trust.anchors",
        "journal.path",
        "journal.key_file",
        "reader.name",
        "timing.request_timeout_ms",
        "timing.order_deadline_s",
        "timing.poll_initial_ms",
        "timing.poll_max_ms",
        "timing.idle_timeout_s",
        "timing.ready_screen_s",
        "timing.removal_grace_s",
        "accessibility.speech_key",
        "accessibility.read_code_key",
        "accessibility.cues",
        "accessibility.reader_position",
        "help.text_pl",
        "help.text_en",
        "help.contact_pl",
        "help.contact_en",
    };
    static const std::vector<std::string_view> all = [] {
        auto joined = keys;
        const auto& more = detail::mailAndCloneKeys();
        joined.insert(joined.end(), more.begin(), more.end());
        return joined;
    }();
    return all;
}

Config Config::load(const fs::path& file, const ConfigOverrides& overrides) {
    Problems throwing(false);
    return readConfig(file, overrides, throwing);
}

ConfigReading Config::read(const fs::path& file, const ConfigOverrides& overrides) {
    ConfigReading reading;
    Problems collecting(true);
    try {
        reading.config = readConfig(file, overrides, collecting);
        reading.problems = collecting.take();
    } catch (const Error& e) { // the file itself cannot be read
        reading.config.file = fs::absolute(file).lexically_normal();
        reading.problems.push_back(
            {"config_unreadable", e.what(),
             "kioskctl provision ... writes it (or check the path given with --config)"});
    }
    return reading;
}

std::string Config::readConsumerSecret() const {
    return readSecret(usos.secretFile, "consumer-secret");
}

namespace {

using Fd = UniqueFd;

// /usr/bin/systemd-creds ARGS with `input` on its stdin; returns its stdout, throws Error when
// it cannot run or fails. Its notes on stderr ("not located on encrypted media") are dropped.
std::string runSystemdCreds(const std::vector<std::string>& args, const std::string& input) {
    std::array<int, 2> inFds{};
    std::array<int, 2> outFds{};
    if (::pipe2(inFds.data(), O_CLOEXEC) != 0)
        throw Error("systemd-creds: no pipe");
    Fd inRead(inFds[0]), inWrite(inFds[1]);
    if (::pipe2(outFds.data(), O_CLOEXEC) != 0)
        throw Error("systemd-creds: no pipe");
    Fd outRead(outFds[0]), outWrite(outFds[1]);
    std::vector<const char*> argv{"/usr/bin/systemd-creds"};
    for (const auto& arg : args)
        argv.push_back(arg.c_str());
    argv.push_back(nullptr);
    const pid_t child = ::fork();
    if (child < 0)
        throw Error("systemd-creds: cannot fork");
    if (child == 0) {
        // Only async-signal-safe calls until exec (the caller may have threads): execv, no
        // PATH search.
        ::dup2(inRead.get(), STDIN_FILENO);
        ::dup2(outWrite.get(), STDOUT_FILENO);
        const int devNull = ::open("/dev/null", O_WRONLY);
        if (devNull >= 0)
            ::dup2(devNull, STDERR_FILENO);
        ::execv(argv[0], const_cast<char* const*>(argv.data()));
        ::_exit(127);
    }
    inRead.reset();
    outWrite.reset();
    // A secret fits the pipe's buffer: writing all before reading cannot block for good.
    for (std::size_t done = 0; done < input.size();) {
        const auto n = ::write(inWrite.get(), input.data() + done, input.size() - done);
        if (n <= 0)
            break;
        done += static_cast<std::size_t>(n);
    }
    inWrite.reset();
    std::string output;
    char buffer[4096];
    for (ssize_t n; (n = ::read(outRead.get(), buffer, sizeof buffer)) > 0;)
        output.append(buffer, static_cast<std::size_t>(n));
    int status = 0;
    if (::waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw Error("systemd-creds failed");
    return output;
}

std::string modeText(mode_t mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

// The running user's name for a chown line (the uid when it has none).
std::string runningUser() {
    const passwd* user = ::getpwuid(::geteuid());
    return user ? user->pw_name : std::to_string(::geteuid());
}

std::string errnoText(int error) {
    return std::error_code(error, std::generic_category()).message();
}

struct SecretReading {
    std::string secret;
    std::optional<ConfigProblem> problem;
};

// Everything that can be wrong with a secret file, as the running user sees it; never puts the
// secret's content into a message.
struct SecretKind {
    std::string code;    // prefix of the problem codes
    std::string noun;    // how messages name the file
    std::string rewrite; // the fix when it is missing or empty
};

const SecretKind consumerSecret{"secret", "secret file",
                                "write the consumer secret with kioskctl provision --secret-stdin"};
const SecretKind journalKey{"journal_key", "journal key file",
                            "write a new one with kioskctl provision --new-journal-key"};

SecretReading inspectSecret(const fs::path& file, const SecretKind& kind = consumerSecret) {
    const auto& noun = kind.noun;
    const auto code = [&](const char* suffix) { return kind.code + suffix; };
    const auto chown =
        "chown " + runningUser() + ": " + file.string() + " && chmod 600 " + file.string();
    const auto problem = [](std::string code, std::string message, std::string fix) {
        return SecretReading{{},
                             ConfigProblem{std::move(code), std::move(message), std::move(fix)}};
    };
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0) {
        const int error = errno;
        if (error == ENOENT)
            return problem(code("_missing"), noun + " " + file.string() + " is missing",
                           kind.rewrite);
        return problem(code("_unreadable"),
                       "cannot read " + noun + " " + file.string() + ": " + errnoText(error),
                       chown);
    }
    if (!S_ISREG(info.st_mode))
        return problem(code("_unreadable"), noun + " " + file.string() + " is not a regular file",
                       kind.rewrite);
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return problem(code("_mode"),
                       noun + " " + file.string() + " is accessible by group or others (mode " +
                           modeText(info.st_mode) + ")",
                       "chmod 600 " + file.string());
    if (info.st_uid != ::geteuid() && info.st_uid != 0)
        return problem(code("_owner"),
                       noun + " " + file.string() + " must be owned by " + runningUser() +
                           " (it belongs to uid " + std::to_string(info.st_uid) + ")",
                       chown);
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return problem(code("_unreadable"),
                       "cannot read " + noun + " " + file.string() + " as " + runningUser() + ": " +
                           errnoText(errno),
                       chown);
    std::ostringstream content;
    content << in.rdbuf();
    std::string secret(trim(content.str()));
    if (secret.empty())
        return problem(code("_empty"), noun + " " + file.string() + " is empty", kind.rewrite);
    return {std::move(secret), std::nullopt};
}

// A secret as the program will get it: the systemd credential when it runs with one; an
// encrypted credential file is only decrypted by systemd (as root) for the service, so here it
// has to exist; a plain file must pass every check.
std::optional<ConfigProblem> inspectConfiguredSecret(const fs::path& file,
                                                     std::string_view credentialName,
                                                     const SecretKind& kind) {
    if (const auto credential = credentialFromSystemd(credentialName))
        return inspectSecret(*credential, kind).problem;
    if (file.empty())
        return std::nullopt;
    if (isEncryptedCredential(file)) {
        // Root's to read (a 0700 folder may hide it from the kiosk user): only "no such file"
        // is certain.
        struct stat info {};
        if (::stat(file.c_str(), &info) != 0 && errno == ENOENT)
            return ConfigProblem{kind.code + "_missing",
                                 "encrypted credential " + file.string() + " is missing",
                                 kind.rewrite + " --credentials"};
        return std::nullopt;
    }
    return inspectSecret(file, kind).problem;
}

// A file the config names that the programs open themselves (CA, client certificate).
std::optional<ConfigProblem> checkReadable(const fs::path& file, std::string_view key,
                                           const std::string& code) {
    if (file.empty() || ::access(file.c_str(), R_OK) == 0)
        return std::nullopt;
    const int error = errno;
    const auto dot = key.find('.');
    const auto name = "[" + std::string(key.substr(0, dot)) + "] " +
                      std::string(key.substr(dot + 1)) + " " + file.string();
    if (error == ENOENT)
        return ConfigProblem{code + "_missing", name + " does not exist",
                             "copy the PEM file there, or kioskctl config set " + std::string(key) +
                                 " PATH"};
    return ConfigProblem{code + "_unreadable",
                         name + " cannot be read by " + runningUser() + ": " + errnoText(error),
                         "chmod a+r " + file.string()};
}

std::optional<ConfigProblem> checkAnchors(const fs::path& anchors) {
    if (anchors.empty())
        return std::nullopt;
    const auto fix = "kioskctl trust add CA.pem (the CA that signs your university's ELS cards)";
    std::error_code ec;
    if (!fs::exists(anchors, ec))
        return ConfigProblem{"anchors_missing",
                             "[trust] anchors " + anchors.string() + " does not exist", fix};
    if (::access(anchors.c_str(), fs::is_directory(anchors, ec) ? R_OK | X_OK : R_OK) != 0)
        return ConfigProblem{"anchors_unreadable",
                             "[trust] anchors " + anchors.string() + " cannot be read by " +
                                 runningUser() + ": " + errnoText(errno),
                             "chmod a+rX " + anchors.string()};
    if (fs::is_directory(anchors, ec)) {
        const bool any = std::any_of(
            fs::directory_iterator(anchors, ec), fs::directory_iterator{}, [](const auto& entry) {
                const auto extension = entry.path().extension();
                return entry.is_regular_file() && (extension == ".pem" || extension == ".crt");
            });
        if (!any)
            return ConfigProblem{"anchors_missing",
                                 "no trust anchor file (*.pem, *.crt) in " + anchors.string(), fix};
    }
    return std::nullopt;
}

// The journal opens (and SQLite creates side files) in its folder; a missing folder is created
// from the nearest existing one. access() answers for the real user, which is the service user
// wherever this runs for it (the app, the metrics timer, doctor's unprivileged child).
std::optional<ConfigProblem> checkJournalWritable(const fs::path& journal) {
    if (journal.empty())
        return std::nullopt;
    std::error_code ec;
    auto folder = journal.parent_path();
    while (!fs::exists(folder, ec) && folder != folder.parent_path())
        folder = folder.parent_path();
    const bool fileOk = !fs::exists(journal, ec) || ::access(journal.c_str(), R_OK | W_OK) == 0;
    if (fileOk && ::access(folder.c_str(), W_OK | X_OK) == 0)
        return std::nullopt;
    const auto where = fileOk ? "journal folder " + folder.string() : "journal " + journal.string();
    return ConfigProblem{"journal_not_writable",
                         where + " is not writable by " + runningUser() + " (" + errnoText(errno) +
                             ")",
                         "chown -R " + runningUser() + ": " + folder.string() + " && chmod u+rwx " +
                             folder.string() + " (and check the file system is not read-only)"};
}

} // namespace

bool isEncryptedCredential(const fs::path& file) {
    return file.extension() == ".cred";
}

std::optional<fs::path> credentialFromSystemd(std::string_view name) {
    const char* directory = std::getenv("CREDENTIALS_DIRECTORY");
    if (directory == nullptr || *directory == '\0')
        return std::nullopt;
    auto file = fs::path(directory) / name;
    std::error_code ec;
    if (!fs::exists(file, ec))
        return std::nullopt;
    return file;
}

std::string decryptCredential(const fs::path& file, std::string_view name) {
    std::string secret;
    try {
        secret =
            runSystemdCreds({"decrypt", "--name=" + std::string(name), file.string(), "-"}, {});
    } catch (const Error&) {
        throw Error("cannot decrypt the credential " + file.string() +
                    " (systemd-creds decrypt failed: run as root, on the terminal that encrypted "
                    "it)");
    }
    secret = trim(secret);
    if (secret.empty())
        throw Error("the credential " + file.string() + " is empty");
    return secret;
}

void encryptCredential(const std::string& secret, std::string_view name, const fs::path& file) {
    // A temporary name first: a failure leaves the previous credential in place.
    const fs::path temp = file.string() + ".tmp";
    try {
        runSystemdCreds({"encrypt", "--name=" + std::string(name), "-", temp.string()}, secret);
    } catch (const Error&) {
        std::error_code ec;
        fs::remove(temp, ec);
        throw Error("systemd-creds encrypt failed for " + file.string() +
                    " (it needs root; it makes /var/lib/systemd/credential.secret itself)");
    }
    fs::permissions(temp, fs::perms::owner_read | fs::perms::owner_write);
    fs::rename(temp, file);
}

std::string readSecret(const fs::path& file, std::string_view credentialName) {
    if (const auto credential = credentialFromSystemd(credentialName))
        return readSecretFile(*credential);
    if (isEncryptedCredential(file))
        return decryptCredential(file, credentialName);
    return readSecretFile(file);
}

std::string readSecretFile(const fs::path& file) {
    auto reading = inspectSecret(file);
    if (reading.problem)
        throw Error(reading.problem->message + "; fix: " + reading.problem->fix);
    return std::move(reading.secret);
}

std::vector<ConfigProblem> checkConfigUsable(const Config& config) {
    std::vector<ConfigProblem> problems;
    const auto add = [&](std::optional<ConfigProblem> problem) {
        if (problem)
            problems.push_back(std::move(*problem));
    };
    add(inspectConfiguredSecret(config.usos.secretFile, "consumer-secret", consumerSecret));
    add(inspectConfiguredSecret(config.journalKeyFile, "journal-key", journalKey));
    add(checkReadable(config.usos.caFile, "usos.ca_file", "ca_file"));
    add(checkReadable(config.usos.clientCert, "usos.client_cert", "client_cert"));
    add(checkReadable(config.usos.clientKey, "usos.client_key", "client_key"));
    add(checkAnchors(config.trustAnchors));
    add(checkJournalWritable(config.journalPath));
    return problems;
}

void setConfigValue(const fs::path& file, std::string_view key, std::string_view value) {
    if (!isKnownKey(key))
        throw Error("unknown configuration key '" + std::string(key) + "'");
    if (value.find_first_of("\r\n") != std::string_view::npos)
        throw Error("a configuration value must be one line");
    const std::string section(key.substr(0, key.find('.')));
    const std::string name(key.substr(key.find('.') + 1));
    const std::string newLine = name + " = " + std::string(value);

    std::vector<std::string> lines;
    if (fs::exists(file))
        lines = splitLines(readText(file, "configuration file"));

    // Replace the key in place, or append it after the last entry of its section.
    Problems throwing(false);
    std::string current;
    std::optional<std::size_t> lastOfSection;
    bool replaced = false;
    for (std::size_t i = 0; i < lines.size() && !replaced; ++i) {
        const auto parsed = parseLine(lines[i], current, file, i + 1, throwing);
        if (parsed.kind == ParsedLine::Kind::Section) {
            current = parsed.section;
            if (current == section)
                lastOfSection = i;
        } else if (parsed.kind == ParsedLine::Kind::Entry && current == section) {
            lastOfSection = i;
            if (parsed.key == name) {
                lines[i] = newLine;
                replaced = true;
            }
        }
    }
    if (!replaced && lastOfSection) {
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(*lastOfSection + 1), newLine);
    } else if (!replaced) {
        if (!lines.empty() && !trim(lines.back()).empty())
            lines.emplace_back();
        lines.push_back("[" + section + "]");
        lines.push_back(newLine);
    }
    build(parseIni(lines, file, throwing), file, false, throwing);

    std::string content;
    for (const auto& line : lines)
        content += line + "\n";
    const fs::path temp = file.string() + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << content;
        out.flush();
        if (!out)
            throw Error("cannot write " + temp.string());
    }
    std::error_code ec;
    if (fs::exists(file))
        fs::permissions(temp, fs::status(file).permissions(), ec);
    fs::rename(temp, file, ec);
    if (ec)
        throw Error("cannot replace " + file.string() + ": " + ec.message());
}

} // namespace els::platform
