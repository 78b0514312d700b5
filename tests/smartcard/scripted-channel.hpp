#pragma once

// A card played from a transcript of {command, response} pairs, both in hex. Any command
// that differs from the script fails the test.

#include "els/smartcard/apdu-channel.hpp"
#include "els/smartcard/error.hpp"

#include <gtest/gtest.h>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace els::smartcard::testing {

struct Exchange {
    std::string command;
    std::string response;
    // Set: the transport fails with this code instead of delivering `response`.
    std::optional<ErrorCode> failure = std::nullopt;
};

class ScriptedChannel final : public ApduChannel {
public:
    explicit ScriptedChannel(std::vector<Exchange> script) : script_(std::move(script)) {}

    ResponseApdu transmit(const CommandApdu& command) override {
        if (next_ >= script_.size()) {
            ADD_FAILURE() << "unscripted command " << toHex(command.bytes());
            throw Error(ErrorCode::Internal, "transcript exhausted");
        }
        const auto& exchange = script_[next_++];
        EXPECT_EQ(toHex(command.bytes()), exchange.command) << "at exchange " << next_;
        if (exchange.failure)
            throw Error(*exchange.failure, "transport failure scripted by the test");
        return ResponseApdu::fromBytes(fromHex(exchange.response));
    }

    bool finished() const { return next_ == script_.size(); }

private:
    std::vector<Exchange> script_;
    std::size_t next_ = 0;
};

// Pulls the card when the `removeAt`-th command (1-based) arrives.
class RemovingChannel final : public ApduChannel {
public:
    RemovingChannel(ApduChannel& inner, unsigned removeAt) : inner_(inner), removeAt_(removeAt) {}

    ResponseApdu transmit(const CommandApdu& command) override {
        if (++count_ == removeAt_)
            throw Error(ErrorCode::CardRemoved, "card pulled by the test");
        return inner_.transmit(command);
    }

private:
    ApduChannel& inner_;
    unsigned removeAt_;
    unsigned count_ = 0;
};

} // namespace els::smartcard::testing
