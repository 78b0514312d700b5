#pragma once

// Reads a libFuzzer input as a stream of small decisions; past the end every read is empty.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

namespace els::fuzz {

class FuzzInput {
public:
    FuzzInput(const std::uint8_t* data, std::size_t size) : rest_(data, size) {}

    bool empty() const noexcept { return rest_.empty(); }
    std::uint8_t byte() noexcept {
        if (rest_.empty())
            return 0;
        const std::uint8_t b = rest_.front();
        rest_ = rest_.subspan(1);
        return b;
    }
    // Up to `count` bytes, fewer at the end.
    std::span<const std::uint8_t> take(std::size_t count) noexcept {
        const auto n = std::min(count, rest_.size());
        const auto taken = rest_.first(n);
        rest_ = rest_.subspan(n);
        return taken;
    }
    std::span<const std::uint8_t> rest() noexcept { return take(rest_.size()); }

private:
    std::span<const std::uint8_t> rest_;
};

} // namespace els::fuzz
