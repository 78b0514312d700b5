#include "els/platform/config.hpp"

#include "els/platform/error.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <sys/stat.h>
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
    enum class Kind { Blank, Section, Entry } kind = Kind::Blank;
    std::string section; // for Section and Entry
    std::string key;     // for Entry
    std::string value;   // for Entry
};

// One line of the INI dialect: blank/comment, [section], or key = value (value may be quoted).
ParsedLine parseLine(std::string_view raw, const std::string& currentSection, const fs::path& file,
                     std::size_t lineNumber) {
    const auto where = [&] { return file.string() + ":" + std::to_string(lineNumber) + ": "; };
    const std::string_view line = trim(raw);
    ParsedLine parsed;
    if (line.empty() || line.front() == '#' || line.front() == ';')
        return parsed;
    if (line.front() == '[') {
        if (line.back() != ']')
            throw Error(where() + "malformed section header: " + std::string(line));
        parsed.kind = ParsedLine::Kind::Section;
        parsed.section = trim(line.substr(1, line.size() - 2));
        if (!isKnownSection(parsed.section))
            throw Error(where() + "unknown section [" + parsed.section + "]");
        return parsed;
    }
    const auto equals = line.find('=');
    if (equals == std::string_view::npos)
        throw Error(where() + "expected 'key = value', got: " + std::string(line));
    if (currentSection.empty())
        throw Error(where() + "key outside of any [section]");
    parsed.kind = ParsedLine::Kind::Entry;
    parsed.section = currentSection;
    parsed.key = trim(line.substr(0, equals));
    std::string_view value = trim(line.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
    parsed.value = value;
    if (!isKnownKey(currentSection + "." + parsed.key))
        throw Error(where() + "unknown key '" + parsed.key + "' in section [" + currentSection +
                    "]");
    return parsed;
}

Values parseIni(const std::vector<std::string>& lines, const fs::path& file) {
    Values values;
    std::string section;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto parsed = parseLine(lines[i], section, file, i + 1);
        if (parsed.kind == ParsedLine::Kind::Section) {
            section = parsed.section;
        } else if (parsed.kind == ParsedLine::Kind::Entry) {
            const auto name = parsed.section + "." + parsed.key;
            if (!values.emplace(name, parsed.value).second)
                throw Error(file.string() + ":" + std::to_string(i + 1) + ": key '" + parsed.key +
                            "' appears twice in section [" + parsed.section + "]");
        }
    }
    return values;
}

class ConfigBuilder {
public:
    ConfigBuilder(const Values& values, const fs::path& file)
        : values_(values), file_(file), folder_(fs::absolute(file).parent_path()) {}

    std::optional<std::string> text(std::string_view key) const {
        const auto it = values_.find(key);
        if (it == values_.end() || it->second.empty())
            return std::nullopt;
        return it->second;
    }

    std::string required(std::string_view key) const {
        if (auto value = text(key))
            return *value;
        throw fail(key, "is required but missing");
    }

    fs::path path(std::string_view key) const {
        const auto value = text(key);
        return value ? resolve(*value) : fs::path{};
    }

    fs::path requiredPath(std::string_view key) const { return resolve(required(key)); }

    template <typename Duration> Duration positive(std::string_view key, Duration fallback) const {
        const auto value = text(key);
        if (!value)
            return fallback;
        long long number = 0;
        const auto* end = value->data() + value->size();
        const auto [ptr, ec] = std::from_chars(value->data(), end, number);
        if (ec != std::errc{} || ptr != end || number <= 0)
            throw fail(key, "must be a positive whole number, got '" + *value + "'");
        return Duration{number};
    }

    Error fail(std::string_view key, const std::string& problem) const {
        const auto dot = key.find('.');
        return Error(file_.string() + ": [" + std::string(key.substr(0, dot)) + "] " +
                     std::string(key.substr(dot + 1)) + " " + problem);
    }

private:
    fs::path resolve(const std::string& value) const {
        const fs::path p(value);
        return (p.is_absolute() ? p : folder_ / p).lexically_normal();
    }

    const Values& values_;
    fs::path file_;
    fs::path folder_;
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

// Builds the typed config; with requireAll=false only the values present are checked.
Config build(const Values& values, const fs::path& file, bool requireAll) {
    const ConfigBuilder b(values, file);
    Config config;
    config.file = fs::absolute(file).lexically_normal();

    const auto textOr = [&](std::string_view key) {
        return requireAll ? b.required(key) : b.text(key).value_or("");
    };
    config.usos.baseUrl = textOr("usos.base_url");
    while (config.usos.baseUrl.ends_with('/'))
        config.usos.baseUrl.pop_back();
    if (!config.usos.baseUrl.empty() && !startsWithHttps(config.usos.baseUrl))
        throw b.fail("usos.base_url", "must be an https:// URL, got '" + config.usos.baseUrl + "'");
    if (!config.usos.baseUrl.empty()) {
        if (const auto problem = baseUrlProblem(config.usos.baseUrl); !problem.empty())
            throw b.fail("usos.base_url", problem + ", got '" + config.usos.baseUrl + "'");
    }
    config.usos.caFile = b.path("usos.ca_file");
    config.usos.consumerKey = textOr("usos.consumer_key");
    config.usos.secretFile =
        requireAll ? b.requiredPath("usos.secret_file") : b.path("usos.secret_file");
    config.usos.actAsParam = b.text("usos.act_as_param").value_or(config.usos.actAsParam);
    if (!isToken(config.usos.actAsParam))
        throw b.fail("usos.act_as_param", "must be a parameter name");
    config.usos.lookupMethod = b.text("usos.lookup_method").value_or(config.usos.lookupMethod);
    if (!isToken(config.usos.lookupMethod) || !config.usos.lookupMethod.starts_with("services/"))
        throw b.fail("usos.lookup_method", "must be a method name like services/users/search2");
    config.usos.clientCert = b.path("usos.client_cert");
    config.usos.clientKey = b.path("usos.client_key");
    if (config.usos.clientCert.empty() != config.usos.clientKey.empty())
        throw b.fail(config.usos.clientCert.empty() ? "usos.client_cert" : "usos.client_key",
                     "is needed too: client_cert and client_key go together");

    config.trustAnchors = requireAll ? b.requiredPath("trust.anchors") : b.path("trust.anchors");
    config.journalPath = requireAll ? b.requiredPath("journal.path") : b.path("journal.path");
    config.readerName = b.text("reader.name").value_or("");

    auto& t = config.timing;
    t.requestTimeout = b.positive("timing.request_timeout_ms", t.requestTimeout);
    t.orderDeadline = b.positive("timing.order_deadline_s", t.orderDeadline);
    t.pollInitial = b.positive("timing.poll_initial_ms", t.pollInitial);
    t.pollMax = b.positive("timing.poll_max_ms", t.pollMax);
    t.idleTimeout = b.positive("timing.idle_timeout_s", t.idleTimeout);
    t.readyScreen = b.positive("timing.ready_screen_s", t.readyScreen);
    t.removalGrace = b.positive("timing.removal_grace_s", t.removalGrace);
    if (t.pollInitial > t.pollMax)
        throw b.fail("timing.poll_initial_ms", "must not exceed poll_max_ms");
    return config;
}

} // namespace

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
        "reader.name",
        "timing.request_timeout_ms",
        "timing.order_deadline_s",
        "timing.poll_initial_ms",
        "timing.poll_max_ms",
        "timing.idle_timeout_s",
        "timing.ready_screen_s",
        "timing.removal_grace_s",
    };
    return keys;
}

Config Config::load(const fs::path& file, const ConfigOverrides& overrides) {
    auto values = parseIni(splitLines(readText(file, "configuration file")), file);
    for (const auto& [key, value] : overrides) {
        if (!isKnownKey(key))
            throw Error("unknown configuration key '" + key + "' in an override");
        values[key] = value;
    }
    return build(values, file, true);
}

std::string Config::readConsumerSecret() const {
    return readSecretFile(usos.secretFile);
}

std::string readSecretFile(const fs::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0)
        throw Error("cannot read secret file " + file.string() + ": " +
                    std::error_code(errno, std::generic_category()).message());
    if (!S_ISREG(info.st_mode))
        throw Error("secret file " + file.string() + " is not a regular file");
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
        throw Error("secret file " + file.string() + " is accessible by group or others (mode " +
                    mode + "); fix it with: chmod 600 " + file.string());
    }
    if (info.st_uid != ::geteuid() && info.st_uid != 0)
        throw Error("secret file " + file.string() + " must be owned by the running user or " +
                    "root (it belongs to uid " + std::to_string(info.st_uid) + ")");
    const std::string secret(trim(readText(file, "secret file")));
    if (secret.empty())
        throw Error("secret file " + file.string() + " is empty");
    return secret;
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
    std::string current;
    std::optional<std::size_t> lastOfSection;
    bool replaced = false;
    for (std::size_t i = 0; i < lines.size() && !replaced; ++i) {
        const auto parsed = parseLine(lines[i], current, file, i + 1);
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
    build(parseIni(lines, file), file, false);

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
