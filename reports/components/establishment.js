// 干部结构's establishment section (APT-ESTABLISHMENT): the county's answer, each school's post
// groups against their approved numbers, and (bureau and school builds) each post and the people
// holding an over-establishment post. Suppressed counts (public build) are null and show 隐去 (withheld.js).
import { count, inSchools, rowsOf } from "./frame.js";
import { dataTable } from "./table.js";

const sourceLabel = (source) => (source === "establishments" ? "教育局核定" : "政策默认（本地选择）");

export function establishmentSection(data, { schools, school, schoolIds }) {
  const block = document.createElement("div");
  const groups = rowsOf(data.establishmentGroups, schools);
  const summary = data.establishmentSummary;
  const county = groups.find((row) => row.school_id === "ALL" && row.post_group === "全体");
  const answer = document.createElement("p");
  answer.className = "answer";
  answer.textContent = summary.ownSchoolOver === null
    ? `全县 ${summary.schools} 所学校中 ${summary.schoolsOver} 所有超职数配备的岗位；核定职数空缺 ${count(county?.vacant ?? 0)} 个。`
    : `本校${summary.ownSchoolOver ? "有" : "没有"}超职数配备的岗位；全县 ${summary.schools} 所学校中 ${summary.schoolsOver} 所超职数。`;
  block.append(answer);
  const scoped = (rows) => inSchools(school === "ALL" ? rows : rows.filter((row) => row.school_id === school), schoolIds);
  if (!groups.some((row) => row.school_id !== "ALL")) {
    // the public build: each school's cadres are counted once, in the cadre team table above
    const note = document.createElement("p");
    note.textContent = "公开版只列全县合计：各校在岗干部人数见上方干部队伍表，同一人数不在两处分别公开。";
    block.append(note, dataTable(groups, {
      caption: "全县干部职数与在岗人数",
      columns: [
        {key: "post_group", label: "岗位类别"}, {key: "approved", label: "核定职数", num: true}, {key: "in_post", label: "在岗人数", num: true, format: count},
        {key: "over", label: "超职数人数", num: true, format: count}, {key: "vacant", label: "空缺职数", num: true, format: count},
      ],
    }));
    return block;
  }
  block.append(dataTable(scoped(groups.filter((row) => row.school_id !== "ALL")), {
    caption: "各校干部职数与在岗人数",
    flag: (row) => row.over > 0,
    columns: [
      {key: "school_name", label: "学校"}, {key: "level", label: "学段"}, {key: "post_group", label: "岗位类别"},
      {key: "approved", label: "核定职数", num: true}, {key: "in_post", label: "在岗人数", num: true, format: count},
      {key: "over", label: "超职数人数", num: true, format: count}, {key: "vacant", label: "空缺职数", num: true, format: count},
    ],
  }));
  if (data.establishmentPosts) {
    block.append(dataTable(scoped(rowsOf(data.establishmentPosts, schools)), {
      caption: "各岗位职数核对（超职数与空缺）",
      flag: (row) => row.over,
      columns: [
        {key: "school_name", label: "学校"}, {key: "post", label: "岗位"}, {key: "department", label: "处室"},
        {key: "approved", label: "核定职数", num: true}, {key: "in_post", label: "在岗人数", num: true},
        {key: "vacant", label: "空缺", num: true}, {key: "source", label: "职数依据", format: sourceLabel}, {key: "explanation", label: "说明"},
      ],
    }));
  }
  if (data.establishmentHolders) {
    block.append(dataTable(scoped(rowsOf(data.establishmentHolders, schools)), {
      caption: "超职数岗位的在任人员",
      empty: "没有超职数配备的岗位。",
      columns: [
        {key: "name", label: "姓名"}, {key: "staff_id", label: "工号"}, {key: "school_name", label: "学校"}, {key: "post", label: "岗位"},
        {key: "department", label: "处室"}, {key: "approved", label: "核定职数", num: true}, {key: "in_post", label: "在岗人数", num: true},
        {key: "source", label: "职数依据", format: sourceLabel}, {key: "explanation", label: "说明"},
      ],
    }));
  }
  return block;
}
