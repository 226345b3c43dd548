// Workshop mode: the pages in teaching order, a bar that walks a room through them, and exercises a
// facilitator can hand out as links. A link with ?workshop=1 turns it on; the bar's links keep it on.

export const PATH = [
  { file: 'abtest.html', label: 'A/B readout', idea: 'Did the e-mail change behaviour? Compare with a holdout.' },
  { file: 'uplift.html', label: 'Uplift targeting', idea: 'Who changed most? Rank customers by their predicted change.' },
  { file: 'segment.html', label: 'Customer segments', idea: 'What kinds of customers are there, and is a segment’s average effect enough to target by?' },
  { file: 'budget.html', label: 'Budget planning', idea: 'Who gets which offer when money is limited?' },
  { file: 'mmm.html', label: 'Marketing mix', idea: 'Which advertising channel pays, and what if the budget moves between them?' },
  { file: 'dcm.html', label: 'Dynamic Causal Model', idea: 'What would revenue have been without a channel?' },
  { file: 'shapley.html', label: 'Shapley attribution', idea: 'How to split credit fairly between channels.' },
];

export const isWorkshop = (search = location.search) => new URLSearchParams(search).get('workshop') === '1';

/** `href` with workshop=1 added (a page link inside the workshop). */
export function workshopHref(href) {
  const url = new URL(href, location.href);
  url.searchParams.set('workshop', '1');
  return `${url.pathname.split('/').pop()}${url.search}`;
}

/** Where `file` stands on the path: {index, previous, next} (index -1 when it is not on it). */
export function position(file) {
  const index = PATH.findIndex((p) => p.file === file);
  return { index, previous: PATH[index - 1] ?? null, next: PATH[index + 1] ?? null };
}
