/**
 * The input half of the data contract (docs/data-contract.md) as data: the record files, their
 * columns with Chinese aliases, value types and code vocabularies. Ingest, the sample generator
 * and the docs all read this one description, so a header alias or a code is added in one place.
 */

export type ValueType = "text" | "integer" | "number" | "date" | "boolean" | "code" | "id_number";

export interface ColumnSpec {
  /** English name: the column name in the warehouse and the contract. */
  name: string;
  /** Chinese header aliases a bureau export may use instead of the English name. */
  aliases: readonly string[];
  type: ValueType;
  /** For type "code": which vocabulary the value must come from. */
  vocabulary?: VocabularyName;
  /** The column must be in the header row, or the load stops. */
  requiredColumn: boolean;
  /** An empty cell is allowed (loaded as null). */
  nullable: boolean;
  /** Personal data: never written to a public page. */
  personal?: boolean;
  /** v2: the contract marks the column optional, so a value that cannot be read (not a number,
   * not a date, an Excel error, a negative count …) empties the cell and the row still loads;
   * `rejects` lists the cell with action `cell`. Other columns reject the row (action `row`). */
  emptiedWhenUnreadable?: boolean;
}

export interface FileSpec {
  /** File name without extension: `schools` reads `schools.csv` or `schools.xlsx`. */
  name: RecordFileName;
  /** Chinese name, for messages and pages. */
  label: string;
  required: boolean;
  columns: readonly ColumnSpec[];
}

export type RecordFileName = "schools" | "staff" | "appointments" | "appraisals" | "rotations" | "exemptions" | "establishments";

/** Canonical code → every label accepted for it (Chinese first; matching ignores case and width). */
export type Vocabulary = Readonly<Record<string, readonly string[]>>;

export const vocabularies = {
  level: {
    primary: ["小学"],
    junior: ["初中", "初级中学"],
    nine_year: ["九年一贯制", "九年一贯制学校"],
    complete: ["完全中学"],
    senior: ["高中", "高级中学"],
    vocational: ["职业学校", "职业中学", "中职"],
    kindergarten: ["幼儿园"],
  },
  location: {
    urban: ["城区"],
    town: ["镇区"],
    rural: ["农村", "乡村"],
  },
  tier: {
    strong: ["优质"],
    general: ["一般"],
    weak: ["薄弱"],
  },
  gender: {
    M: ["男", "male"],
    F: ["女", "female"],
  },
  education: {
    postgraduate: ["研究生", "硕士研究生", "博士研究生", "硕士", "博士"],
    bachelor: ["本科", "大学本科"],
    associate: ["专科", "大专", "大学专科"],
    secondary: ["中专/高中", "中专", "高中", "中师"],
    other: ["其他"],
  },
  title: {
    senior_full: ["正高级", "正高级教师"],
    senior: ["高级", "高级教师"],
    first: ["一级", "一级教师"],
    second: ["二级", "二级教师"],
    third: ["三级", "三级教师"],
    unranked: ["未定级"],
  },
  backbone: {
    special_grade: ["特级教师"],
    senior_full_teacher: ["正高级教师"],
    master_teacher: ["名师"],
    discipline_leader: ["学科带头人"],
    backbone_teacher: ["骨干教师"],
    rising_star: ["教坛新秀"],
  },
  employment: {
    tenured: ["在编"],
    contract: ["临聘", "编外"],
  },
  post_category: {
    management: ["管理", "管理岗位"],
    professional: ["专业技术", "专业技术岗位", "专技"],
    worker: ["工勤", "工勤技能", "工勤岗位"],
  },
  post: {
    principal: ["校长"],
    party_secretary: ["书记", "党支部书记"],
    vice_principal: ["副校长"],
    deputy_secretary: ["副书记", "党支部副书记"],
    middle_head: ["中层正职"],
    middle_deputy: ["中层副职"],
    grade_leader: ["年级组长"],
    subject_leader: ["教研组长"],
    class_teacher: ["班主任"],
    teacher: ["专任教师", "教师"],
    teaching_support: ["教辅"],
    administrative: ["行政"],
    service: ["工勤"],
    awaiting_post: ["待岗"],
  },
  method: {
    competitive: ["竞聘"],
    direct: ["直聘"],
    non_competitive: ["不竞岗"],
    second_round: ["二次聘任"],
    rotation: ["交流"],
    appointed: ["任命"],
    not_hired: ["落聘"],
    not_participating: ["未参聘"],
    new_hire: ["新进", "新分配", "新招聘"],
    transfer_in: ["调入"],
  },
  grade: {
    excellent: ["优秀"],
    competent: ["合格", "称职"],
    basic: ["基本合格", "基本称职"],
    incompetent: ["不合格", "不称职"],
  },
  rotation_type: {
    transfer: ["校际交流"],
    support_teaching: ["支教"],
    group: ["集团内交流"],
    cluster: ["片区交流"],
    secondment: ["挂职锻炼"],
    internal: ["校内轮岗"],
  },
  exemption_reason: {
    pregnancy: ["孕期"],
    maternity: ["产期"],
    nursing: ["哺乳期"],
    illness: ["重病"],
    injury_on_duty: ["工伤"],
    signature_course: ["特色课程领衔"],
    major_project: ["重大课题"],
    other: ["其他"],
  },
  boolean: {
    true: ["是", "Y", "yes", "1", "true", "T"],
    false: ["否", "N", "no", "0", "false", "F"],
  },
} as const satisfies Record<string, Vocabulary>;

export type VocabularyName = keyof typeof vocabularies;

/**
 * Exemption reasons that also bar dismissal while valid (EXIT-PROTECT, 004 第3篇 学校不得解聘):
 * injury on duty, pregnancy, maternity, nursing, illness. The contract: "the first five".
 */
export const dismissalBarringReasons = ["pregnancy", "maternity", "nursing", "illness", "injury_on_duty"] as const;

/** post_category codes whose women retire on the 50 track (digest §6: 工勤 workers). */
export const workerPostCategories = ["worker"] as const;

/** Post groups used by the marts: leaders and middle cadres are the 干部. */
export const leaderPosts = ["principal", "party_secretary", "vice_principal", "deputy_secretary"] as const;
export const middlePosts = ["middle_head", "middle_deputy"] as const;

const col = (
  name: string,
  aliases: readonly string[],
  type: ValueType,
  opts: Partial<Pick<ColumnSpec, "vocabulary" | "requiredColumn" | "nullable" | "personal" | "emptiedWhenUnreadable">> = {},
): ColumnSpec => ({ name, aliases, type, requiredColumn: true, nullable: false, ...opts });
const optional = { requiredColumn: false, nullable: true } as const;
/** Marked "optional" in the contract's tables: an unreadable value costs the cell, not the row
 * (v2). Columns whose emptiness means something the models act on without being marked optional
 * there (end_date = still in post, term_years = policy default, relation_moved by type, gender
 * and birth_date required unless id_number …) still reject the row. */
const optionalCell = { ...optional, emptiedWhenUnreadable: true } as const;

export const recordFiles: readonly FileSpec[] = [
  {
    name: "schools",
    label: "学校",
    required: true,
    columns: [
      col("school_id", ["学校代码", "学校编号"], "text"),
      col("name", ["学校名称"], "text"),
      col("district", ["片区", "学区"], "text", optionalCell),
      col("level", ["学段", "办学类型"], "code", { vocabulary: "level" }),
      col("location", ["城乡类型"], "code", { vocabulary: "location" }),
      col("tier", ["学校层次"], "code", { vocabulary: "tier" }),
      col("staff_quota", ["核定编制", "编制数"], "integer", optionalCell),
      col("remote", ["偏远学校", "海岛学校"], "boolean", optionalCell),
      col("phase_in_until", ["分批完成年度"], "integer", optionalCell),
    ],
  },
  {
    name: "staff",
    label: "教职工",
    required: true,
    columns: [
      col("staff_id", ["工号", "人员编号", "教师编号"], "text"),
      col("name", ["姓名"], "text", { personal: true }),
      col("id_number", ["身份证号", "身份证件号码"], "id_number", { ...optionalCell, personal: true }),
      // gender and birth_date may be left out when id_number is given: checked per row
      col("gender", ["性别"], "code", { ...optional, vocabulary: "gender" }),
      col("birth_date", ["出生日期", "出生年月"], "date", optional),
      col("education", ["最高学历", "学历"], "code", { vocabulary: "education", nullable: true }),
      col("title", ["职称", "专业技术职务"], "code", { vocabulary: "title", nullable: true }),
      col("political_status", ["政治面貌"], "text", optionalCell),
      col("work_start", ["参加工作时间"], "date", { nullable: true }),
      col("teaching_start", ["从教时间"], "date", optionalCell),
      col("subject", ["任教学科"], "text", optionalCell),
      col("backbone", ["骨干层次", "骨干类别"], "code", { ...optional, vocabulary: "backbone" }),
      col("employment", ["用工性质", "编制情况"], "code", { vocabulary: "employment" }),
      col("post_category", ["岗位类别", "身份"], "code", { ...optionalCell, vocabulary: "post_category" }),
    ],
  },
  {
    name: "appointments",
    label: "任职聘任记录",
    required: true,
    columns: [
      col("staff_id", ["工号"], "text"),
      col("school_id", ["学校代码"], "text"),
      col("post", ["岗位", "职务"], "code", { vocabulary: "post" }),
      col("department", ["部门", "处室"], "text", optional),
      col("start_date", ["任职时间", "聘任起始"], "date"),
      col("end_date", ["免职时间", "聘任终止"], "date", optional),
      col("method", ["聘任方式"], "code", { ...optional, vocabulary: "method" }),
      col("round", ["聘任年度"], "integer", optional),
      col("term_years", ["聘期"], "number", optional),
      col("probation_end", ["试用期满"], "date", optional),
    ],
  },
  {
    name: "appraisals",
    label: "考核记录",
    required: true,
    columns: [
      col("staff_id", ["工号"], "text"),
      col("year", ["考核年度"], "integer"),
      col("grade", ["考核等次"], "code", { vocabulary: "grade" }),
      col("score", ["考核总分"], "number", optionalCell),
      col("attitude", ["职业态度"], "number", optionalCell),
      col("ability", ["职业能力"], "number", optionalCell),
      col("duties", ["履行职责"], "number", optionalCell),
      col("results", ["工作实绩"], "number", optionalCell),
      col("votes_expected", ["应到人数"], "integer", optionalCell),
      col("votes_cast", ["实到人数", "参加测评人数"], "integer", optionalCell),
      col("votes_excellent", ["优秀票"], "integer", optionalCell),
      col("votes_competent", ["称职票"], "integer", optionalCell),
      col("votes_basic", ["基本称职票"], "integer", optionalCell),
      col("votes_incompetent", ["不称职票"], "integer", optionalCell),
      col("applied_multiplier", ["津贴系数"], "number", optionalCell),
      col("base_allowance", ["班主任津贴基数"], "number", optionalCell),
    ],
  },
  {
    name: "rotations",
    label: "交流轮岗记录",
    required: true,
    columns: [
      col("staff_id", ["工号"], "text"),
      col("from_school_id", ["原学校代码", "交流前学校"], "text"),
      col("to_school_id", ["交流学校代码", "交流后学校"], "text"),
      col("start_date", ["交流开始"], "date"),
      col("end_date", ["交流结束"], "date", optionalCell),
      col("type", ["交流形式"], "code", { vocabulary: "rotation_type" }),
      col("relation_moved", ["人事关系随迁"], "boolean", optional),
    ],
  },
  {
    name: "exemptions",
    label: "暂缓交流记录",
    required: false,
    columns: [
      col("staff_id", ["工号"], "text"),
      col("reason", ["暂缓原因"], "code", { vocabulary: "exemption_reason" }),
      col("start_date", ["起始日期"], "date"),
      col("end_date", ["终止日期"], "date"),
    ],
  },
  {
    name: "establishments",
    label: "职数核定",
    required: false,
    columns: [
      col("school_id", ["学校代码"], "text"),
      col("post", ["岗位", "职务"], "code", { vocabulary: "post" }),
      col("department", ["处室", "部门"], "text", optional),
      col("approved", ["核定职数"], "integer"),
    ],
  },
];

export function fileSpec(name: RecordFileName): FileSpec {
  const spec = recordFiles.find((file) => file.name === name);
  if (!spec) throw new Error(`unknown record file ${name}`);
  return spec;
}

/**
 * v2: a rotation plan a bureau wrote (`cadreboard plan --check PLANFILE`, data contract "the
 * rotation plan and the outlook"). Not a record file: it is read beside the warehouse, by the same
 * header finder and file readers as ingest, and checked against the plan rules.
 */
export const planFile = {
  label: "交流方案",
  columns: [
    col("staff_id", ["工号", "人员编号", "教师编号"], "text"),
    // not 「交流学校」 or 「原学校」: a sheet often has those as the school's name beside its code
    col("to_school_id", ["交流学校代码", "交流后学校"], "text"),
    col("type", ["交流形式"], "text", optional),
    // not in the contract's list, but a bureau's sheet often has it: checked against the records when given
    col("from_school_id", ["原学校代码", "交流前学校"], "text", optional),
  ],
} as const satisfies { label: string; columns: readonly ColumnSpec[] };

/** 交流形式 in a plan file → the plan's kind of move (matching ignores case and width). */
export const planMoveTypes = {
  between_schools: ["校际交流", "交流"],
  post_rotation: ["校内轮岗", "岗位轮岗"],
} as const satisfies Vocabulary;
