import { NoticePage } from './_components/notice-page';

export default function NotFound() {
  return (
    <NoticePage title="Page not found">
      <p className="muted">There is nothing here. The link may be old or mistyped.</p>
    </NoticePage>
  );
}
