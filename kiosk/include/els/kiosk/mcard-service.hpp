#pragma once

#include "els/platform/usos-client.hpp"
#include "els/platform/usos-types.hpp"

#include <string>
#include <string_view>

namespace els::kiosk {

// The four services/cards calls of the order workflow, for one student. An interface so that
// the workflow's decisions are unit-tested against a scripted USOS; UsosMcardService is the
// real one. Implementations throw platform::UsosError.
class McardService {
public:
    virtual ~McardService() = default;
    virtual platform::McardInfo mcard() = 0;
    virtual platform::McardOrder mcardOrder(std::string_view orderId) = 0;
    virtual bool makeMcardOrder() = 0; // never retried by the implementation
    virtual bool revokeMcard(std::string_view orderId) = 0;
};

class UsosMcardService final : public McardService {
public:
    UsosMcardService(platform::UsosClient& client, std::string userId)
        : client_(client), userId_(std::move(userId)) {}

    platform::McardInfo mcard() override { return client_.mcard(userId_); }
    platform::McardOrder mcardOrder(std::string_view orderId) override {
        return client_.mcardOrder(userId_, orderId);
    }
    bool makeMcardOrder() override { return client_.makeMcardOrder(userId_); }
    bool revokeMcard(std::string_view orderId) override {
        return client_.revokeMcard(userId_, orderId);
    }

private:
    platform::UsosClient& client_;
    std::string userId_;
};

} // namespace els::kiosk
