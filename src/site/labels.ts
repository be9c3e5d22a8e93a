/** Chinese labels for the codes the marts carry, for page text and downloads. */
import { vocabularies, type VocabularyName } from "../contract.ts";

/** The first (canonical Chinese) label of a code, or the code itself when unknown. */
export function labelOf(vocabulary: VocabularyName, code: unknown): string | null {
  if (code === null || code === undefined || code === "") return null;
  const labels = (vocabularies[vocabulary] as Record<string, readonly string[]>)[String(code)];
  return labels?.[0] ?? String(code);
}

export const genderLabel = (code: unknown): string | null => labelOf("gender", code);

export const postGroupLabels: Record<string, string> = { leader: "校级领导", middle: "中层干部", teacher: "教师", other: "其他岗位", all: "全体" };

export const exitTypeLabels: Record<string, string> = {
  retirement: "法定退休",
  cadre_age: "中层干部到龄",
  term_end: "聘期届满",
  term_limit: "任期届满不再续聘",
  probation_end: "试用期满",
  trial_end: "试岗期满",
  appraisal_dismissal: "考核不称职解聘",
  vote_dismissal: "民主测评解聘",
};

/** Stages of awaiting a post (EXIT-AWAIT), in order. */
export const awaitingStageLabels: Record<string, string> = {
  job_salary_only: "只发职务工资",
  reduced_salary: "发部分职务工资",
  salary_stopped: "停发工资",
};

export const levelLabel = (code: unknown): string | null => labelOf("level", code);
