#pragma once

#include "els/platform/usos-client.hpp"
#include "els/platform/usos-types.hpp"

#include <stop_token>
#include <string>
#include <string_view>

namespace els::kiosk {

// The services/cards calls of the order workflow, for one student. An interface so that the
// workflow's decisions are unit-tested against a scripted USOS; UsosMcardService is the real
// one. Every call takes the job's stop token; implementations throw platform::UsosError
// (Cancelled after a stop).
class McardService {
public:
    virtual ~McardService() = default;
    // services/cards/mcard with complete orders (the orders[...] sub-selector).
    virtual platform::McardInfo mcard(std::stop_token stop) = 0;
    // Only for an installation that lists bare order ids.
    virtual platform::McardOrder mcardOrder(std::string_view orderId, std::stop_token stop) = 0;
    virtual bool makeMcardOrder(std::stop_token stop) = 0; // never retried by the implementation
    virtual bool revokeMcard(std::string_view orderId, std::stop_token stop) = 0;
};

class UsosMcardService final : public McardService {
public:
    UsosMcardService(platform::UsosClient& client, std::string userId)
        : client_(client), userId_(std::move(userId)) {}

    platform::McardInfo mcard(std::stop_token stop) override {
        return client_.mcard(userId_, stop);
    }
    platform::McardOrder mcardOrder(std::string_view orderId, std::stop_token stop) override {
        return client_.mcardOrder(userId_, orderId, stop);
    }
    bool makeMcardOrder(std::stop_token stop) override {
        return client_.makeMcardOrder(userId_, stop);
    }
    bool revokeMcard(std::string_view orderId, std::stop_token stop) override {
        return client_.revokeMcard(userId_, orderId, stop);
    }

private:
    platform::UsosClient& client_;
    std::string userId_;
};

} // namespace els::kiosk
