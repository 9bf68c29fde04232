import { NoticePage } from './_components/notice-page';

export default function Forbidden() {
  return (
    <NoticePage title="You don't have access to this page">
      <p className="muted">This part of Nook is for another role. If you think you should have access, ask your admin.</p>
    </NoticePage>
  );
}
