#pragma once

#include <gtest/gtest.h>
#include <string>
#include <sys/types.h>

namespace els::testing {

// "Virtual PCD 00 00" / "Virtual PCD 00 01": the vsmartcard-vpcd readers.
std::string vpcdReader(int slot);

// Makes sure a pcscd with the vpcd readers runs: starts `pcscd -f` only when no pcscd process
// exists (there is one per machine), and stops only the one it started.
class PcscEnvironment : public ::testing::Environment {
public:
    void SetUp() override;
    void TearDown() override;

private:
    pid_t started_ = -1;
};

} // namespace els::testing
