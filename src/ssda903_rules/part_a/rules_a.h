// The rules of part A (codes 100-299), one function per rule and version; registered with their
// DfE code and ruleset in part_a.cc. A name ending _YYYY is the version first used in the
// collection year starting that year (check_101_2024 is rule 101 as of 2024/25).
#pragma once

#include "ssda903_rules/rule.h"

namespace safeguard::ssda903 {

RuleFailures check_101(const RuleInput& input);
RuleFailures check_101_2024(const RuleInput& input);
RuleFailures check_102(const RuleInput& input);
RuleFailures check_103(const RuleInput& input);
RuleFailures check_104(const RuleInput& input);
RuleFailures check_105(const RuleInput& input);
RuleFailures check_112(const RuleInput& input);
RuleFailures check_113(const RuleInput& input);
RuleFailures check_114(const RuleInput& input);
RuleFailures check_115(const RuleInput& input);
RuleFailures check_116(const RuleInput& input);
RuleFailures check_117(const RuleInput& input);
RuleFailures check_118(const RuleInput& input);
RuleFailures check_119(const RuleInput& input);
RuleFailures check_120(const RuleInput& input);
RuleFailures check_131(const RuleInput& input);
RuleFailures check_132(const RuleInput& input);
RuleFailures check_133(const RuleInput& input);
RuleFailures check_134(const RuleInput& input);
RuleFailures check_141(const RuleInput& input);
RuleFailures check_142(const RuleInput& input);
RuleFailures check_143(const RuleInput& input);
RuleFailures check_144(const RuleInput& input);
RuleFailures check_145(const RuleInput& input);
RuleFailures check_146(const RuleInput& input);
RuleFailures check_146_2024(const RuleInput& input);
RuleFailures check_146_2025(const RuleInput& input);
RuleFailures check_147(const RuleInput& input);
RuleFailures check_148(const RuleInput& input);
RuleFailures check_149(const RuleInput& input);
RuleFailures check_151(const RuleInput& input);
RuleFailures check_153(const RuleInput& input);
RuleFailures check_157(const RuleInput& input);
RuleFailures check_158(const RuleInput& input);
RuleFailures check_159(const RuleInput& input);
RuleFailures check_164(const RuleInput& input);
RuleFailures check_165(const RuleInput& input);
RuleFailures check_166(const RuleInput& input);
RuleFailures check_167(const RuleInput& input);
RuleFailures check_168(const RuleInput& input);
RuleFailures check_169(const RuleInput& input);
RuleFailures check_171(const RuleInput& input);
RuleFailures check_174(const RuleInput& input);
RuleFailures check_174_2024(const RuleInput& input);
RuleFailures check_175(const RuleInput& input);
RuleFailures check_176(const RuleInput& input);
RuleFailures check_177(const RuleInput& input);
RuleFailures check_178(const RuleInput& input);
RuleFailures check_178_2025(const RuleInput& input);
RuleFailures check_179(const RuleInput& input);
RuleFailures check_180(const RuleInput& input);
RuleFailures check_181(const RuleInput& input);
RuleFailures check_182(const RuleInput& input);
RuleFailures check_184(const RuleInput& input);
RuleFailures check_185(const RuleInput& input);
RuleFailures check_186(const RuleInput& input);
RuleFailures check_187(const RuleInput& input);
RuleFailures check_188(const RuleInput& input);
RuleFailures check_189(const RuleInput& input);
RuleFailures check_190(const RuleInput& input);
RuleFailures check_191(const RuleInput& input);
RuleFailures check_192(const RuleInput& input);
RuleFailures check_193(const RuleInput& input);
RuleFailures check_196(const RuleInput& input);
RuleFailures check_197a(const RuleInput& input);
RuleFailures check_197B(const RuleInput& input);
RuleFailures check_198(const RuleInput& input);
RuleFailures check_199(const RuleInput& input);
RuleFailures check_202(const RuleInput& input);
RuleFailures check_203(const RuleInput& input);
RuleFailures check_204(const RuleInput& input);
RuleFailures check_205A(const RuleInput& input);
RuleFailures check_205B(const RuleInput& input);
RuleFailures check_205C(const RuleInput& input);
RuleFailures check_205D(const RuleInput& input);
RuleFailures check_207(const RuleInput& input);
RuleFailures check_208(const RuleInput& input);
RuleFailures check_209(const RuleInput& input);
RuleFailures check_210(const RuleInput& input);

}  // namespace safeguard::ssda903
