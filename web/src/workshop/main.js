// The workshop plan: the teaching path with what each stop teaches and the question to ask the room
// before anyone clicks, and exercises a facilitator shares as links (each opens a page on a set view,
// in workshop mode).
import { el } from '../dom.js';
import { PATH, workshopHref } from '../kit/workshop.js';

const PLAN = {
  'abtest.html': { minutes: 20, ask: 'Before opening: of 100 customers who got the e-mail, how many more visited than in the holdout? Write a number down.', learn: 'Why a coin-flip holdout measures the effect, what an interval says, and how past behaviour narrows it.' },
  'uplift.html': { minutes: 30, ask: 'If you could send the e-mail to only a third of customers, which third would you pick, and how much of the total gain would you keep?', learn: 'Effects differ between customers; rank by predicted change, not by who buys most; some customers react badly (sleeping dogs).' },
  'segment.html': { minutes: 20, ask: 'How many kinds of customers does a shop have? Guess a number for the simulated world before revealing it, and say whom you would send an offer to.', learn: 'Segments summarise who customers are (patterns in what they buy), must be checked for stability, and are not treatment effects: targeting a whole segment also reaches its sleeping dogs and loses value against choosing customer by customer.' },
  'budget.html': { minutes: 25, ask: 'If the offer budget is cut by 20%, do we lose 20% of the extra bookings? More? Less?', learn: 'Discounts are also paid to customers who would have booked anyway; the best plan spends where the extra per dollar is highest; costs are uncertain.' },
  'mmm.html': { minutes: 25, ask: 'Of every 100 sales, how many do you think the advertising brought? And if one channel got 20% more budget, would its sales grow by 20%?', learn: 'Sales split into a baseline, the season and each channel; spend keeps working for weeks (adstock) and each extra unit buys less (saturation), so the best split moves budget to where the next unit buys most, not where the average return is highest.' },
  'dcm.html': { minutes: 25, ask: 'How much revenue do you think e-mail brings over ten weeks? Compare the naive users-vs-non-users gap with the model.', learn: 'Actions feed next week’s actions; switching a channel off ripples through the weeks; the naive comparison mixes up who uses a channel with what it does.' },
  'shapley.html': { minutes: 20, ask: 'Four channels made 280 together. Switching off each one alone loses 10, 40, 60 and 90. Do these credits add up to 280?', learn: 'Leave-one-out credits double count or miss; Shapley values split the total fairly and add up.' },
};

const EXERCISES = [
  { page: 'abtest.html', text: 'Read the men’s e-mail result aloud in one sentence a manager could repeat. Then switch the outcome to spend: is the e-mail still worth it?' },
  { page: 'uplift.html', text: 'In the simulated world, guess which share of customers to treat, then reveal the truth. How far was the model from the truth, and from your guess?' },
  { page: 'segment.html', query: { data: 'sim' }, text: 'Guess how many kinds of customers the simulated world has, then reveal the truth. Change the number of segments: when does the ARI with the true kinds peak, and how much does offering by segment lose against choosing customer by customer?' },
  { page: 'budget.html', query: { budget: '4000' }, text: 'The budget is cut from 5,000 to 4,000 (−20%). How many extra bookings are lost, and what happens to the ROI? Press “−20%” yourself from the default to check.' },
  { page: 'budget.html', text: 'Make the 5% discount more expensive (cost per booking 25 instead of 15). Who gets which offer now, and why?' },
  { page: 'mmm.html', query: { data: 'sim' }, text: 'Guess which channel of the simulated world truly returns most per dollar, then reveal the truth. Cut the budget by 20%: which channel loses most, and why not the one with the lowest ROI?' },
  { page: 'dcm.html', text: 'Switch e-mail off for ten weeks. Guess the loss first, then compare the model, the naive comparison and the simulated world’s truth.' },
  { page: 'shapley.html', text: 'Change the value of “all four channels” from 280 to 300. Which channels’ credits change, and why do the fair shares still add up?' },
];

const link = (page, query = {}) => {
  const url = new URL(workshopHref(page), location.href);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return `./${url.pathname.split('/').pop()}${url.search}`;
};

document.getElementById('path').replaceChildren(
  ...PATH.map((stop, i) => {
    const plan = PLAN[stop.file];
    return el(
      'li',
      { dataset: { page: stop.file } },
      el('h2', {}, el('a', { href: link(stop.file) }, `${i + 1}. ${stop.label}`), ` · about ${plan.minutes} minutes`),
      el('p', {}, stop.idea),
      el('p', {}, el('strong', {}, 'Ask the room first: '), plan.ask),
      el('p', {}, el('strong', {}, 'They leave knowing: '), plan.learn),
    );
  }),
);

document.getElementById('exercise-list').replaceChildren(
  ...EXERCISES.map((x) => el('li', {}, x.text, ' ', el('a', { href: link(x.page, x.query), class: 'exercise-link' }, `Open the exercise (${PATH.find((p) => p.file === x.page).label})`))),
);

const total = PATH.reduce((sum, p) => sum + PLAN[p.file].minutes, 0);
document.getElementById('workshop-intro').append(` About ${total} minutes in all, with time left for questions. On each page, “Present” shows one step per screen in large type (← → to move, Esc to leave).`);
