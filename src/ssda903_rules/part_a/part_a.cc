#include "ssda903_rules/part_a/rules_a.h"
#include "ssda903_rules/rule.h"

namespace safeguard::ssda903 {

// Rules 100-299 (see src/ssda903_rules/README.md for the split), each under the ruleset that first
// defined that version.
void add_rules_part_a(RuleRegistry& registry) {
  registry.add("101", "2022_23", check_101);
  registry.add("101", "2024_25", check_101_2024);
  registry.add("102", "2022_23", check_102);
  registry.add("103", "2022_23", check_103);
  registry.add("104", "2022_23", check_104);
  registry.add("105", "2022_23", check_105);
  registry.add("112", "2022_23", check_112);
  registry.add("113", "2022_23", check_113);
  registry.add("114", "2022_23", check_114);
  registry.add("115", "2022_23", check_115);
  registry.add("116", "2022_23", check_116);
  registry.add("117", "2022_23", check_117);
  registry.add("118", "2022_23", check_118);
  registry.add("119", "2022_23", check_119);
  registry.add("120", "2022_23", check_120);
  registry.add("131", "2022_23", check_131);
  registry.add("132", "2022_23", check_132);
  registry.add("133", "2022_23", check_133);
  registry.add("134", "2022_23", check_134);
  registry.add("141", "2022_23", check_141);
  registry.add("142", "2022_23", check_142);
  registry.add("143", "2022_23", check_143);
  registry.add("144", "2022_23", check_144);
  registry.add("145", "2022_23", check_145);
  registry.add("146", "2022_23", check_146);
  registry.add("146", "2024_25", check_146_2024);
  registry.add("146", "2025_26", check_146_2025);
  registry.add("147", "2022_23", check_147);
  registry.add("148", "2022_23", check_148);
  registry.add("149", "2022_23", check_149);
  registry.add("151", "2022_23", check_151);
  registry.add("153", "2022_23", check_153);
  registry.add("157", "2022_23", check_157);
  registry.add("158", "2022_23", check_158);
  registry.add("159", "2022_23", check_159);
  registry.add("164", "2022_23", check_164);
  registry.add("165", "2022_23", check_165);
  registry.add("166", "2022_23", check_166);
  registry.add("167", "2022_23", check_167);
  registry.add("168", "2022_23", check_168);
  registry.add("169", "2022_23", check_169);
  registry.add("171", "2022_23", check_171);
  registry.add("174", "2022_23", check_174);
  registry.add("174", "2024_25", check_174_2024);
  registry.add("175", "2022_23", check_175);
  registry.add("176", "2022_23", check_176);
  registry.add("177", "2022_23", check_177);
  registry.add("178", "2022_23", check_178);
  registry.add("178", "2025_26", check_178_2025);
  registry.add("179", "2022_23", check_179);
  registry.add("180", "2022_23", check_180);
  registry.add("181", "2022_23", check_181);
  registry.add("182", "2022_23", check_182);
  registry.add("184", "2022_23", check_184);
  registry.add("185", "2022_23", check_185);
  registry.add("186", "2022_23", check_186);
  registry.add("187", "2022_23", check_187);
  registry.add("188", "2022_23", check_188);
  registry.add("189", "2022_23", check_189);
  registry.add("190", "2022_23", check_190);
  registry.add("191", "2022_23", check_191);
  registry.add("192", "2022_23", check_192);
  registry.add("193", "2022_23", check_193);
  registry.add("196", "2022_23", check_196);
  registry.add("197a", "2022_23", check_197a);
  registry.add("197B", "2022_23", check_197B);
  registry.add("198", "2022_23", check_198);
  registry.add("199", "2022_23", check_199);
  registry.add("202", "2022_23", check_202);
  registry.add("203", "2022_23", check_203);
  registry.add("204", "2022_23", check_204);
  registry.add("205A", "2022_23", check_205A);
  registry.add("205B", "2022_23", check_205B);
  registry.add("205C", "2022_23", check_205C);
  registry.add("205D", "2022_23", check_205D);
  registry.add("207", "2022_23", check_207);
  registry.add("208", "2022_23", check_208);
  registry.add("209", "2022_23", check_209);
  registry.add("210", "2022_23", check_210);
}

}  // namespace safeguard::ssda903
