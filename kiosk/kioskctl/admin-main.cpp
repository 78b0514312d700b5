// kioskctl-admin: the kioskctl commands that need Qt (see main.cpp). kioskctl execs it with its
// own argv, so argv[1] is the command and messages still say "kioskctl".
#include "commands.hpp"
#include "failure.hpp"

#include <cstdio>
#include <exception>

namespace ctl = els::kiosk::kioskctl;

int main(int argc, char** argv) {
    const auto* command = argc < 2 ? nullptr : ctl::findCommand(ctl::adminCommands, argv[1]);
    if (!command) {
        std::fputs("kioskctl-admin: run by kioskctl; try kioskctl help\n", stderr);
        return ctl::exitUsage;
    }
    try {
        return command->run(ctl::Args(argv + 2, argv + argc));
    } catch (...) {
        return ctl::reportFailure(std::current_exception());
    }
}
