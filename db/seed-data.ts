/**
 * Demo material for a new desk: five articles about the 2018 Alice Marie Johnson clemency story,
 * retold in our own words from the facts the original reports carry, including the small facts on
 * which those reports disagree (her age, 62 or 63; sentenced in 1996 or convicted in 1997;
 * "pardon" where the act was a commutation). Catching that is what the desk is for.
 */
export const DEMO_PASSWORD = "factdesk-demo";

export const DEMO_USERS = [
  { email: "reporter@factdesk.test", name: "Rita Reyes", role: "reporter" },
  { email: "editor@factdesk.test", name: "Eddie Okafor", role: "editor" },
  { email: "editor2@factdesk.test", name: "Elena Marsh", role: "editor" },
  { email: "admin@factdesk.test", name: "Aditi Rao", role: "admin" },
] as const;

export interface DemoArticle {
  key: string;
  title: string;
  publisher: string;
  sourceUrl: string;
  publishedAt: string;
  body: string;
}

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    key: "kushner-clemency",
    title: "Kushner presses for more clemency grants, to the Attorney General's displeasure",
    publisher: "Demo Politics Wire",
    sourceUrl: "https://demo.factdesk.test/articles/kushner-clemency",
    publishedAt: "2018-06-12",
    body: [
      "Jared Kushner is urging President Donald Trump to grant clemency more widely, according to a report in Vanity Fair that quotes a source close to the senior adviser.",
      "The push follows the president's decision to grant clemency to Alice Marie Johnson, a great-grandmother who was serving a life sentence for a non-violent, first-time drug offense.",
      "Trump acted after Kim Kardashian met him at the White House to argue Johnson's case and to discuss the criminal justice system.",
      "Kardashian had worked with Ivanka Trump and Jared Kushner for months to have Johnson's sentence commuted.",
      "Vanity Fair reported that the president was surprised by the positive coverage of Johnson's release and might consider clemency for other prisoners.",
      "Kardashian is said to have handed Kushner a list of names of people she considers to be serving unjust sentences.",
      "Kushner now works with CNN commentator Van Jones on prison reform.",
      "Attorney General Jeff Sessions is reported to be unhappy that Kushner is encouraging the president to use his constitutional clemency powers.",
      "Kushner's security clearance was restored earlier this year, and he is reported to be seeking a larger role in the White House.",
    ].join("\n\n"),
  },
  {
    key: "metro-explainer",
    title: "Why Kim Kardashian has been phoning Jared Kushner",
    publisher: "Metro US",
    sourceUrl: "https://demo.factdesk.test/articles/metro-explainer",
    publishedAt: "2018-05-30",
    body: [
      "Kim Kardashian has been calling Jared Kushner, the president's son-in-law and senior adviser, to lobby for clemency for Alice Marie Johnson, according to Mic.",
      "Johnson is 62 years old and has served 21 years of a life sentence on a federal drug charge.",
      "She was convicted in 1997 for her part in a cocaine operation worth millions of dollars.",
      "Johnson was a first-time, nonviolent offender; she has said she turned to the drug trade in desperation after a divorce, the loss of her job and the death of a child.",
      "In a 2016 opinion piece for CNN, Johnson acknowledged her wrongdoing and described her role as passing messages between distributors and sellers.",
      "Because she was sentenced to life without parole, only a presidential pardon or commutation could free her.",
      "President Barack Obama passed over Johnson's clemency request in 2016.",
      "Axios reported that the calls between Kardashian and Kushner had gone on for several months.",
      "A representative for Kardashian confirmed the conversations, and Mic reported that White House lawyers had reviewed the case.",
    ].join("\n\n"),
  },
  {
    key: "memoir-kardashian",
    title: "Kushner's memoir recounts how Kim Kardashian argued Alice Johnson's case",
    publisher: "Demo Entertainment Desk",
    sourceUrl: "https://demo.factdesk.test/articles/memoir-kardashian",
    publishedAt: "2022-08-02",
    body: [
      "Jared Kushner's memoir, Breaking History: A White House Memoir, describes how Kim Kardashian persuaded the Trump administration to pardon Alice Johnson.",
      "According to an excerpt published by People, Kardashian first contacted Ivanka Trump about the case in late 2017.",
      "Kushner writes that Johnson had become an ordained minister, earned vocational certificates and kept a clean disciplinary record during 21 years in prison.",
      "He says he presented Johnson's case to the president at an Oval Office meeting in May 2018.",
      "White House counsel Don McGahn opposed clemency and called Johnson the kingpin of the drug operation, Kushner writes.",
      "Kushner says Trump called him two days after meeting Kardashian and told him to go ahead with the pardon.",
    ].join("\n\n"),
  },
  {
    key: "memoir-meeting",
    title: "Inside the meeting that won Alice Johnson her freedom",
    publisher: "Demo Celebrity Weekly",
    sourceUrl: "https://demo.factdesk.test/articles/memoir-meeting",
    publishedAt: "2022-08-02",
    body: [
      "Kim Kardashian met President Donald Trump at the White House in 2018 to argue for the release of Alice Johnson.",
      "Johnson, then 63 years old, was serving a life sentence for a non-violent drug offense.",
      "Trump granted the request, and Johnson left prison later that year.",
      "Jared Kushner's memoir is due out later this month and describes how the meeting came about.",
      "Kushner writes that White House counsel Don McGahn resisted releasing Johnson and argued that her sentence was deserved.",
      "According to Kushner, Trump approved the clemency 48 hours after the meeting.",
      "Kushner also accuses McGahn of leaking false stories to the press about the meeting.",
    ].join("\n\n"),
  },
  {
    key: "forward-prison-reform",
    title: "Kim Kardashian West visits the White House to talk prison reform",
    publisher: "The Forward",
    sourceUrl: "https://demo.factdesk.test/articles/forward-prison-reform",
    publishedAt: "2018-05-31",
    body: [
      "Kim Kardashian West went to the White House on Wednesday to talk about prison reform with Jared Kushner and President Trump, Vanity Fair reported.",
      "The Oval Office meeting focused on her request that the president pardon Alice Marie Johnson, a woman from Mississippi.",
      "Johnson was sentenced in 1996 to life in prison without the possibility of parole for a first-time drug offense.",
      "Johnson turned 63 on the day of the meeting.",
      "Kushner has pushed Congress to pass the First Step Act, a bipartisan bill meant to prepare inmates to re-enter society through job training and drug treatment.",
      "Kushner's father, Charles Kushner, spent 14 months in prison in 2005 and 2006.",
      "Trump has granted presidential pardons in only a few cases so far, including Sholom Rubashkin and Scooter Libby.",
      "Support our nonprofit journalism: become a member today.",
      "Republish this story",
    ].join("\n\n"),
  },
];
