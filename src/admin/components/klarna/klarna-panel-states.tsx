import { Button, Container, Heading, Skeleton, Text } from "@medusajs/ui"

export const KlarnaPanelSkeleton = () => (
  <Container className="divide-y p-0" data-testid="klarna-panel-loading" aria-busy="true">
    <div className="flex items-center justify-between px-6 py-4">
      <Heading level="h2">Klarna</Heading>
      <Skeleton className="h-5 w-24" />
    </div>
    <div className="flex flex-col gap-y-3 px-6 py-4">
      <Skeleton className="h-4 w-full" />
      <Skeleton className="h-4 w-2/3" />
      <Skeleton className="h-4 w-1/2" />
    </div>
  </Container>
)

export const KlarnaPanelError = ({ message, onRetry }: { message: string; onRetry: () => void }) => (
  <Container className="divide-y p-0" data-testid="klarna-panel-error">
    <div className="flex items-center justify-between px-6 py-4">
      <Heading level="h2">Klarna</Heading>
      <Button size="small" variant="secondary" onClick={onRetry}>
        Try again
      </Button>
    </div>
    <div className="px-6 py-4">
      <Text size="small" leading="compact" className="text-ui-fg-error">
        The Klarna details of this order could not be loaded: {message}
      </Text>
    </div>
  </Container>
)
