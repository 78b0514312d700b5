// kioskctl runs the card commands itself and execs kioskctl-admin for the others: every command
// `kioskctl help` lists must reach its own argument parser in one of the two programs.
#include "commands.hpp"

#include <cstdio>
#include <gtest/gtest.h>
#include <string>
#include <sys/wait.h>

namespace ctl = els::kiosk::kioskctl;

namespace {
struct Run {
    int status;
    std::string output;
};

Run kioskctl(const std::string& args, const std::string& environment = "") {
    const std::string command = environment + " " ELS_KIOSKCTL " " + args + " 2>&1 </dev/null";
    std::FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return {-1, "popen failed"};
    std::string output;
    char buffer[512];
    while (const auto n = std::fread(buffer, 1, sizeof buffer, pipe))
        output.append(buffer, n);
    const int status = ::pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}
} // namespace

TEST(KioskctlDispatch, everyListedCommand_reachesItsParser) {
    for (const auto& usage : ctl::usages) {
        const auto name = std::string(usage.name);
        // A config file that does not exist: no command may touch the machine's.
        const auto run = kioskctl(name + " --config /nonexistent/kiosk.conf --no-such-option");
        EXPECT_NE(run.status, 0) << name << ": " << run.output;
        EXPECT_EQ(run.output.find("unknown command"), std::string::npos)
            << name << ": " << run.output;
        EXPECT_EQ(run.output.find("cannot run"), std::string::npos) << name << ": " << run.output;
        EXPECT_EQ(run.output.rfind("kioskctl: ", 0), 0u) << name << ": " << run.output;
    }
}

TEST(KioskctlDispatch, unknownCommand_exits2) {
    const auto run = kioskctl("no-such-command");
    EXPECT_EQ(run.status, ctl::exitUsage) << run.output;
    EXPECT_NE(run.output.find("unknown command"), std::string::npos) << run.output;
}

TEST(KioskctlDispatch, help_listsEveryCommand) {
    const auto run = kioskctl("help");
    EXPECT_EQ(run.status, 0) << run.output;
    for (const auto& usage : ctl::usages)
        EXPECT_NE(run.output.find("kioskctl " + std::string(usage.text)), std::string::npos)
            << usage.name;
}

// The Qt half answers through kioskctl exactly as one program did: status and message.
TEST(KioskctlDispatch, adminCommand_keepsItsExitStatus) {
    const auto run = kioskctl("status --no-such-option");
    EXPECT_EQ(run.status, ctl::exitUsage) << run.output;
    EXPECT_NE(run.output.find("kioskctl: status: unknown argument --no-such-option"),
              std::string::npos)
        << run.output;
}

// readers/read-card must not load Qt: loading it was most of their time. The dynamic loader's
// own log lists every library it loads, whether the command succeeds or not.
TEST(KioskctlDispatch, cardCommands_loadNoQtLibrary) {
    for (const char* args : {"readers", "read-card --trust /nonexistent.pem"}) {
        const auto run = kioskctl(args, "LD_DEBUG=libs");
        EXPECT_NE(run.output.find("libpcsclite"), std::string::npos) << args << ": " << run.output;
        EXPECT_EQ(run.output.find("libQt"), std::string::npos) << args << ": " << run.output;
    }
}

// ...while the admin commands do: the check above would see Qt if kioskctl loaded it.
TEST(KioskctlDispatch, adminCommand_loadsQtInTheHelper) {
    const auto run = kioskctl("status --no-such-option", "LD_DEBUG=libs");
    EXPECT_NE(run.output.find("libQt6Core"), std::string::npos) << run.output;
}
