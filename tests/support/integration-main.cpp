// main() for tests that talk to pcscd + vpcd: the PcscEnvironment runs around all of them.
#include "pcsc-environment.hpp"

#include <gtest/gtest.h>

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new els::testing::PcscEnvironment);
    return RUN_ALL_TESTS();
}
