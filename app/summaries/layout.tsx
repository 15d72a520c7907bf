import "./public.css";

/*
 * Public pages share only their stylesheet here: the site's masthead and footer (PublicSite) wrap
 * each page of the site, and embed cards, which other sites frame, go without them.
 */
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return children;
}
