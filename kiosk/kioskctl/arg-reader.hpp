#pragma once

#include "command.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace els::kiosk::kioskctl {

// Walks a subcommand's arguments one at a time, so that every subcommand words a missing
// option value the same way:
//   for (ArgReader in(args); in.next();)
//       if (in.is("--config")) o.config = in.value(); else ...
class ArgReader {
public:
    explicit ArgReader(const Args& args) noexcept : args_(args) {}

    // Moves to the next argument; false after the last.
    bool next() noexcept { return ++index_ < args_.size(); }
    const std::string& current() const { return args_[index_]; }
    bool is(std::string_view option) const { return current() == option; }

    // Consumes the argument after the current option as its value.
    const std::string& value() {
        if (index_ + 1 >= args_.size())
            throw UsageError(current() + " needs a value");
        return args_[++index_];
    }
    // For options taking several values (--trust A B): whether another value follows.
    bool valueFollows() const noexcept {
        return index_ + 1 < args_.size() && !args_[index_ + 1].starts_with("--");
    }

private:
    const Args& args_;
    std::size_t index_ = static_cast<std::size_t>(-1); // next() wraps it to the first
};

} // namespace els::kiosk::kioskctl
