#include "service-user.hpp"

#include "els/platform/unique-fd.hpp"

#include <array>
#include <fcntl.h>
#include <fstream>
#include <grp.h>
#include <pwd.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace els::kiosk::kioskctl {

namespace {

// Fields and records of the child's answer: control characters no message contains.
constexpr char fieldEnd = '\x1f';
constexpr char recordEnd = '\x1e';

std::string serialize(const std::vector<platform::ConfigProblem>& problems) {
    std::string out;
    for (const auto& p : problems)
        out += p.code + fieldEnd + p.message + fieldEnd + p.fix + recordEnd;
    return out;
}

std::vector<platform::ConfigProblem> deserialize(const std::string& text) {
    std::vector<platform::ConfigProblem> problems;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find(recordEnd, start)) != std::string::npos;
         start = end + 1) {
        const auto record = text.substr(start, end - start);
        const auto a = record.find(fieldEnd);
        const auto b = record.find(fieldEnd, a + 1);
        if (a == std::string::npos || b == std::string::npos)
            throw std::runtime_error("garbled answer from the check run as the kiosk user");
        problems.push_back(
            {record.substr(0, a), record.substr(a + 1, b - a - 1), record.substr(b + 1)});
    }
    return problems;
}

using Fd = platform::UniqueFd;

void writeAll(int fd, const std::string& text) {
    for (std::size_t done = 0; done < text.size();) {
        const auto n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0)
            return;
        done += static_cast<std::size_t>(n);
    }
}

} // namespace

std::string serviceUserName() {
    for (const char* unit :
         {"/etc/systemd/system/els-kiosk.service", "/lib/systemd/system/els-kiosk.service",
          "/usr/lib/systemd/system/els-kiosk.service"}) {
        std::ifstream in(unit);
        for (std::string line; std::getline(in, line);) {
            if (line.starts_with("User=") && line.size() > 5)
                return line.substr(5);
        }
    }
    return "els-kiosk";
}

std::optional<ServiceUser> lookUpUser(const std::string& name) {
    const passwd* entry = ::getpwnam(name.c_str());
    if (!entry)
        return std::nullopt;
    return ServiceUser{entry->pw_name, entry->pw_uid, entry->pw_gid};
}

std::vector<platform::ConfigProblem> checkConfigUsableAs(const platform::Config& config,
                                                         const ServiceUser& user) {
    if (::geteuid() != 0 || user.uid == 0)
        return platform::checkConfigUsable(config);
    std::array<int, 2> fds{};
    if (::pipe2(fds.data(), O_CLOEXEC) != 0)
        throw std::runtime_error("cannot create a pipe for the check as " + user.name);
    Fd readEnd(fds[0]), writeEnd(fds[1]);
    const pid_t child = ::fork();
    if (child < 0)
        throw std::runtime_error("cannot fork the check as " + user.name);
    if (child == 0) {
        // Groups first: after setuid there is no privilege left to change them.
        if (::initgroups(user.name.c_str(), user.gid) != 0 || ::setgid(user.gid) != 0 ||
            ::setuid(user.uid) != 0)
            ::_exit(3);
        writeAll(writeEnd.get(), serialize(platform::checkConfigUsable(config)));
        ::_exit(0);
    }
    writeEnd.reset();
    std::string answer;
    char buffer[4096];
    for (ssize_t n; (n = ::read(readEnd.get(), buffer, sizeof buffer)) > 0;)
        answer.append(buffer, static_cast<std::size_t>(n));
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error("cannot check the files as user " + user.name +
                                 " (the check could not switch to that user)");
    return deserialize(answer);
}

} // namespace els::kiosk::kioskctl
